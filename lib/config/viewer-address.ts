/**
 * How the AWS deployment tells the server who is asking. CloudFront knows the
 * viewer's address for certain; X-Forwarded-For reaches the function with
 * whatever the client put in front of it. The viewer-request function (run
 * by CloudFront on every request, before any origin) writes that address
 * into a header of its own, replacing one the client may have sent, and
 * the server is configured to read only that header.
 *
 * Plain data with no imports: sst.config.ts loads this file while deploying.
 */
export const VIEWER_ADDRESS_HEADER = "x-parley-viewer-address";

/** CloudFront Functions code (cloudfront-js-2.0), injected into SST's viewer-request function. */
export const VIEWER_ADDRESS_INJECTION = `event.request.headers["${VIEWER_ADDRESS_HEADER}"] = { value: event.viewer.ip };`;
