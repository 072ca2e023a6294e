/**
 * The manifest `key` (public half only) fixes the extension id, and so the redirect URI that admins register in
 * Entra: https://<EXTENSION_ID>.chromiumapp.org/. Changing it breaks every existing app registration.
 */
export const MANIFEST_KEY =
  'MIIBIjANBgkqhkiG9w0BAQEFAAOCAQ8AMIIBCgKCAQEAyNfLmuLvAQsGJ1DrcvZS3IbLgM1ciPcElyw5vpsSkcTiDHEkuqVOc77WbrZD9LxHjP1zB9wwASQzGOaHnpEXIaOIv3WMAICpXPCYHWX1AHHkq+e23hc4/5SwaXIuAPX6Q/yRq7p/5189Kj0mh0fVR7M/nbdzM6MB7GcABHkHgkG6D4wML5DH27wwIJW5ncQwNffoNdM9NTfRDSwMBnEqraylU/7hMTAuYKTEdSxbF1zWG7B8lOveLMV2jGMZeimPe0lB82IUnDzja1E3xF92Tj5vZNgeYFzQ1sTb/9Cdj3vL80qMttfsn8VYXT5Su3PS7+QmgoeUME0SsZ2GS+8T/QIDAQAB';

/** The id Chromium derives from MANIFEST_KEY (first 128 bits of its SHA-256, hex digits mapped to a–p). */
export const EXTENSION_ID = 'iaoafjmjbhidbadlbfodfadofaghkmon';

/** The SPA redirect URI to register in Entra for Chrome and Edge. */
export const CHROMIUM_REDIRECT_URI = `https://${EXTENSION_ID}.chromiumapp.org/`;
