/**
 * How an API key reaches the AWS deployment's server. CloudFront drops the
 * Authorization header of GET requests unless it is part of the cache key,
 * so the viewer-request function copies it into a header of its own, which
 * the origin request policy carries on (replacing one the client may have
 * sent, and removing it when there is no Authorization). The server reads
 * Authorization first, then this header.
 *
 * Plain data with no imports: sst.config.ts loads this file while deploying.
 */
export const FORWARDED_AUTHORIZATION_HEADER = "x-parley-authorization";

/** CloudFront Functions code (cloudfront-js-2.0), injected into SST's viewer-request function. */
export const FORWARDED_AUTHORIZATION_INJECTION = [
  `if (event.request.headers.authorization) {`,
  `  event.request.headers["${FORWARDED_AUTHORIZATION_HEADER}"] = { value: event.request.headers.authorization.value };`,
  `} else {`,
  `  delete event.request.headers["${FORWARDED_AUTHORIZATION_HEADER}"];`,
  `}`,
].join("\n");
