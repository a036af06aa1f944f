/*
 * status.h — the one status enum of yusuan and its message.
 *
 * Library functions that can fail return ys_status; details go into a diagnostics list (diag.h).
 * ys_strerror() gives a short English text for developers; users see the diagnostics.
 */
#ifndef YS_STATUS_H
#define YS_STATUS_H

typedef enum {
    YS_OK = 0,
    YS_ERR_NOMEM,      /* allocation failed */
    YS_ERR_IO,         /* a file could not be read or written */
    YS_ERR_ENCODING,   /* input is neither UTF-8 nor GB18030/GBK */
    YS_ERR_FORMAT,     /* input is not what it should be (not a disclosure, bad data file) */
    YS_ERR_USAGE,      /* bad arguments */
    YS_ERR_RANGE       /* a number does not fit (money beyond int64 分, too many decimals) */
} ys_status;

const char *ys_strerror(ys_status st);

#endif
