/** Sent in hello; the build checks that it equals package.json's version. */
export const SDK_VERSION = '0.2.0';
