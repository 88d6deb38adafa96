// A self-signed certificate for 127.0.0.1 and localhost (EC P-256, valid until 2126), for tests of
// the headless server over TLS only. Made with: openssl req -x509 -newkey ec -pkeyopt
// ec_paramgen_curve:prime256v1 -nodes -days 36500 -subj /CN=localhost -addext subjectAltName=IP:127.0.0.1,DNS:localhost
export const TEST_TLS_CERT = `-----BEGIN CERTIFICATE-----
MIIBnDCCAUGgAwIBAgIUEunlexrmTQCnShebmv5Af0cnusMwCgYIKoZIzj0EAwIw
FDESMBAGA1UEAwwJbG9jYWxob3N0MCAXDTI2MTIwNzAyMTExMFoYDzIxMjYxMTEz
MDIxMTEwWjAUMRIwEAYDVQQDDAlsb2NhbGhvc3QwWTATBgcqhkjOPQIBBggqhkjO
PQMBBwNCAATa2jHy6kSPyEdQy2b2LiAwtnuf02TwAR7jvQHK6MDSsmI3dSef0QqJ
Yg7X1Gn0L5t5Fc7+/u/HboRy5G18bleeo28wbTAdBgNVHQ4EFgQU4UCPtN9gz4PW
+dfRNCaSDOYLMHwwHwYDVR0jBBgwFoAU4UCPtN9gz4PW+dfRNCaSDOYLMHwwDwYD
VR0TAQH/BAUwAwEB/zAaBgNVHREEEzARhwR/AAABgglsb2NhbGhvc3QwCgYIKoZI
zj0EAwIDSQAwRgIhAPyJs1O4W41SJvu1Bk29/jZDWoZkNKnotAzSBwMbNXScAiEA
1xrNz416V6Ivz9wIRCUhcAjgxx9ga0sKAEqIMvRQVQQ=
-----END CERTIFICATE-----
`;

export const TEST_TLS_KEY = `-----BEGIN PRIVATE KEY-----
MIGHAgEAMBMGByqGSM49AgEGCCqGSM49AwEHBG0wawIBAQQgH25JTxSMgDGdiw4R
qULySbbIRCARsV7/SEdU9Hpmp0GhRANCAATa2jHy6kSPyEdQy2b2LiAwtnuf02Tw
AR7jvQHK6MDSsmI3dSef0QqJYg7X1Gn0L5t5Fc7+/u/HboRy5G18blee
-----END PRIVATE KEY-----
`;
