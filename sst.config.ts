// eslint-disable-next-line @typescript-eslint/triple-slash-reference -- how SST documents loading its global types ($config, sst.*), which have no module to import
/// <reference path="./.sst/platform/config.d.ts" />

/**
 * Parley on AWS: the Next.js app on Lambda behind CloudFront (OpenNext),
 * conversations in one DynamoDB table, keys and the session secret in SST
 * secrets. `npx sst deploy --stage <name>`; see the README for first steps.
 */
export default $config({
  app(input) {
    const production = input?.stage === "production";
    return {
      name: "parley",
      home: "aws",
      // Production keeps its table (everyone's conversations) even through
      // `sst remove`, and cannot be removed by accident; other stages are
      // disposable.
      removal: production ? "retain" : "remove",
      protect: production,
    };
  },
  async run() {
    // Imported here, not at the top: SST evaluates app() before any import runs.
    const { LINKED_BUCKET, LINKED_SECRETS, LINKED_TABLE } = await import("./lib/config/linked-resource-names");
    const { BUCKET_ACTIONS, OBJECT_ACTIONS } = await import("./lib/blobs/permissions");
    const { VIEWER_ADDRESS_HEADER, VIEWER_ADDRESS_INJECTION } = await import("./lib/config/viewer-address");
    const { FORWARDED_AUTHORIZATION_INJECTION } = await import("./lib/config/forwarded-authorization");
    const { INDEX_ACTIONS, TABLE_ACTIONS } = await import("./lib/store/dynamo/permissions");
    const { ALARM_ERROR_PERCENT, ALARM_MIN_TURNS, ALARM_PERIOD_SECONDS, dashboardBody } = await import("./lib/observability/dashboard");

    // SST links a table with `dynamodb:*` on it and everything under it
    // (streams, exports, backups) and allows deleting the table; the server
    // gets only the item operations the adapter sends. Checked in CI by
    // scripts/sst-permissions.test.ts.
    sst.Linkable.wrap(sst.aws.Dynamo, (table) => ({
      properties: { name: table.name },
      include: [
        sst.aws.permission({ actions: [...TABLE_ACTIONS], resources: [table.arn] }),
        sst.aws.permission({ actions: [...INDEX_ACTIONS], resources: [$interpolate`${table.arn}/index/*`] }),
      ],
    }));

    // The schema of lib/store/dynamo/table-definition.ts: generic pk/sk keys and one
    // overloaded index, so every read the UI makes is a single Query.
    const table = new sst.aws.Dynamo(LINKED_TABLE, {
      fields: { pk: "string", sk: "string", gsi1pk: "string", gsi1sk: "string" },
      primaryIndex: { hashKey: "pk", rangeKey: "sk" },
      globalIndexes: { gsi1: { hashKey: "gsi1pk", rangeKey: "gsi1sk", projection: "all" } },
      // Short-lived items (sign-in throttling windows) expire by themselves.
      ttl: "expiresAt",
      deletionProtection: $app.stage === "production",
    });

    // SST links a bucket with `s3:*`; the server gets the object operations
    // of lib/blobs/s3.ts on the objects and listing on the bucket, nothing else
    // (no bucket policy, ACL or configuration changes).
    sst.Linkable.wrap(sst.aws.Bucket, (bucket) => ({
      properties: { name: bucket.name },
      include: [
        sst.aws.permission({ actions: [...OBJECT_ACTIONS], resources: [$interpolate`${bucket.arn}/*`] }),
        sst.aws.permission({ actions: [...BUCKET_ACTIONS], resources: [bucket.arn] }),
      ],
    }));

    // People's attachments: private (SST blocks all public access unless
    // `access` is set; S3 encrypts every object at rest), reached only
    // through presigned URLs the server issues to the owner. CORS is set
    // below, once the app's address is known.
    const files = new sst.aws.Bucket(LINKED_BUCKET, { cors: false, enforceHttps: true });

    // AuthSecret has no placeholder, so a deploy stops until it is set: a
    // Lambda has no disk to keep a generated one. The rest are optional (an
    // empty placeholder means "not set" to lib/config): the provider settings
    // (OpenAI, Azure or a compatible server), and SetupCode, without which the
    // first account can only be made from the command line.
    const secrets = [
      new sst.Secret(LINKED_SECRETS.AUTH_SECRET),
      new sst.Secret(LINKED_SECRETS.SETUP_CODE, ""),
      new sst.Secret(LINKED_SECRETS.OPENAI_API_KEY, ""),
      new sst.Secret(LINKED_SECRETS.OPENAI_BASE_URL, ""),
      new sst.Secret(LINKED_SECRETS.AZURE_OPENAI_ENDPOINT, ""),
      new sst.Secret(LINKED_SECRETS.AZURE_OPENAI_API_KEY, ""),
      new sst.Secret(LINKED_SECRETS.OPENAI_API_VERSION, ""),
    ];

    // Optional custom domain, chosen per stage at deploy time, e.g.
    // PARLEY_DOMAIN=chat.example.com npx sst deploy --stage production.
    // The hosted zone must be in Route 53 of this account; SST issues the
    // certificate (ACM, us-east-1) and the DNS records.
    const domainName = process.env.PARLEY_DOMAIN?.trim();

    const metricsNamespace = `Parley/${$app.stage}`;

    const web = new sst.aws.Nextjs("Web", {
      // 3.x (SST's default) cannot build Next 16; this one is verified to.
      openNextVersion: "4.1.12",
      link: [table, files, ...secrets],
      environment: {
        // Read by next.config.ts at build time: DynamoDB only, no PGlite/pg
        // in the bundle. Also present at run time, where it changes nothing.
        PARLEY_TARGET: "aws",
        // Sign-in throttling counts the address CloudFront saw (edge below),
        // not X-Forwarded-For, whose first entries the client chooses.
        CLIENT_ADDRESS_HEADER: VIEWER_ADDRESS_HEADER,
        // Ends a reply 30 s before the Lambda's 300 s limit (transform below),
        // so it is stored and the stream closes cleanly instead of being cut.
        REPLY_TIME_LIMIT_MS: "270000",
        // The CloudWatch namespace of the metrics the log lines carry (EMF), one per stage.
        METRICS_NAMESPACE: metricsNamespace,
        // Pages may upload to and show images from the bucket (presigned URLs; lib/config/files-origin.ts).
        FILES_ORIGIN: $interpolate`https://${files.nodes.bucket.bucketRegionalDomainName}`,
        // Plain (non-secret) settings set in the deploying shell are passed on.
        ...Object.fromEntries(
          [
            "DEFAULT_MODEL",
            "ALLOWED_MODELS",
            "AZURE_OPENAI_DEPLOYMENTS",
            "TITLE_MODEL",
            "CONTEXT_WINDOW",
            "MODEL_CONTEXT_WINDOWS",
            "MODEL_CAPABILITIES",
            "OPENAI_API_STYLE",
            "PROVIDER_TIMEOUT_MS",
            "LOG_LEVEL",
            "API_ALLOWED_ORIGINS",
            "LIMIT_TOKENS_PER_DAY",
            "LIMIT_REPLIES_PER_HOUR",
            "LIMIT_REPLIES_AT_ONCE",
            "MODEL_PRICES",
          ].flatMap((name) => (process.env[name] ? [[name, process.env[name]]] : [])),
        ),
      },
      server: {
        // Node 22+ is what ai/openai declare; 24 is the newest SST accepts.
        runtime: "nodejs24.x",
        // Lambda CPU grows with memory. The work is mostly waiting on the
        // provider, but a cold start parses the whole Next.js server, and
        // 1536 MB (about one vCPU) roughly halves that against 1024 MB
        // while costing little more for short requests.
        memory: "1536 MB",
        // SST uses this both as the Lambda timeout and as CloudFront's origin
        // read timeout, whose ceiling is 60 s without a quota increase. It
        // bounds the gap between bytes of a streamed reply; keep-alive
        // comments (STREAM_KEEPALIVE_MS, 10 s) keep a slow model within it.
        timeout: "60 seconds",
        // x86_64: OpenNext's image optimizer installs x64 sharp even for arm64.
        architecture: "x86_64",
      },
      ...(domainName ? { domain: { name: domainName, dns: sst.aws.dns() } } : {}),
      // Runs at the start of SST's viewer-request function; the origin request
      // policy SST sets (all viewer headers but Host) carries the header on.
      // The API key of a GET to /api/v1 travels the same way (CloudFront drops Authorization from GETs).
      edge: { viewerRequest: { injection: `${VIEWER_ADDRESS_INJECTION}\n${FORWARDED_AUTHORIZATION_INJECTION}` } },
      transform: {
        server(args) {
          // A long reply keeps streaming bytes, so CloudFront does not cut it,
          // but the Lambda's own limit is on the whole reply: give it five
          // minutes, more than any single answer should take.
          args.timeout = "300 seconds";
        },
      },
    });

    // What an operator watches: a dashboard over the metrics the log lines
    // carry and the function's own, and an alarm when turns keep failing,
    // mailed to ALERT_EMAIL when it is set in the deploying shell.
    const functionName = web.nodes.server!.apply((server) => server.name);
    const region = aws.getRegionOutput().region;
    new aws.cloudwatch.Dashboard("Dashboard", {
      dashboardName: `parley-${$app.stage}`,
      dashboardBody: $resolve([functionName, region]).apply(([name, regionName]) =>
        dashboardBody({ namespace: metricsNamespace, region: regionName, functionName: name }),
      ),
    });
    const alertEmail = process.env.ALERT_EMAIL?.trim();
    const alerts = alertEmail ? new aws.sns.Topic("Alerts", { name: `parley-${$app.stage}-alerts` }) : undefined;
    if (alerts) new aws.sns.TopicSubscription("AlertEmail", { topic: alerts.arn, protocol: "email", endpoint: alertEmail! });
    const turnsMetric = (metricName: string) => ({
      metricName,
      namespace: metricsNamespace,
      period: ALARM_PERIOD_SECONDS,
      stat: "Sum",
    });
    new aws.cloudwatch.MetricAlarm("TurnErrorRate", {
      name: `parley-${$app.stage}-turn-errors`,
      alarmDescription: `More than ${ALARM_ERROR_PERCENT}% of replies failed (at least ${ALARM_MIN_TURNS} replies in 5 minutes). See the parley-${$app.stage} dashboard and the logs' turn lines (outcome "error", errorKind).`,
      comparisonOperator: "GreaterThanThreshold",
      threshold: ALARM_ERROR_PERCENT,
      evaluationPeriods: 3,
      datapointsToAlarm: 2,
      treatMissingData: "notBreaching",
      metricQueries: [
        { id: "turns", metric: turnsMetric("turns") },
        { id: "failed", metric: turnsMetric("turnErrors") },
        { id: "rate", expression: `IF(turns >= ${ALARM_MIN_TURNS}, 100 * failed / turns, 0)`, label: "Failed turns (%)", returnData: true },
      ],
      alarmActions: alerts ? [alerts.arn] : [],
      okActions: alerts ? [alerts.arn] : [],
    });

    return { url: web.url, table: table.name };
    // Browsers upload straight to the bucket (presigned PUT) and read
    // documents from it (presigned GET), from the app's own address only.
    new aws.s3.BucketCorsConfiguration("FilesCors", {
      bucket: files.name,
      corsRules: [
        {
          allowedOrigins: domainName ? [`https://${domainName}`] : [web.url],
          allowedMethods: ["PUT", "GET"],
          allowedHeaders: ["content-type"],
          maxAgeSeconds: 3600,
        },
      ],
    });

    return { url: web.url, table: table.name, files: files.name };
  },
});
