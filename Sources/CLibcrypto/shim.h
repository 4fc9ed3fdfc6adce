// OpenSSL's libcrypto, for SigV4 (SHA-256, HMAC-SHA256), S3 ETags (MD5), constant-time
// comparison and random key generation in ValenceServer.
#include <openssl/crypto.h>
#include <openssl/evp.h>
#include <openssl/hmac.h>
#include <openssl/rand.h>
