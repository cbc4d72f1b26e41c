// The system's libcrypto (OpenSSL 3, Debian's libssl-dev), for SHA-256 of every file read.
#include <openssl/evp.h>
