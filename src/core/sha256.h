/*
 * sha256.h — SHA-256 (FIPS 180-4) of bytes, for content hashes: the warehouse (src/store/) identifies a
 * document by the SHA-256 of its bytes and skips one already stored. A small self-contained
 * implementation (no crypto library is linked); test vectors in tests/unit/test_store.c.
 *
 * Ownership: the context is a plain struct the caller embeds; nothing is allocated.
 */
#ifndef YS_SHA256_H
#define YS_SHA256_H

#include <stddef.h>
#include <stdint.h>

typedef struct {
    uint32_t h[8];
    uint64_t len;          /* bytes hashed so far */
    unsigned char buf[64];
    size_t nbuf;
} ys_sha256;

#define YS_SHA256_HEX 65   /* 64 hex digits and a NUL */

void ys_sha256_init(ys_sha256 *c);
void ys_sha256_update(ys_sha256 *c, const void *bytes, size_t n);
void ys_sha256_final(ys_sha256 *c, unsigned char digest[32]);
/* Lower-case hex of the digest into hex (YS_SHA256_HEX bytes); returns hex. */
char *ys_sha256_final_hex(ys_sha256 *c, char hex[YS_SHA256_HEX]);
/* One call: hex digest of n bytes. */
char *ys_sha256_hex(const void *bytes, size_t n, char hex[YS_SHA256_HEX]);

#endif
