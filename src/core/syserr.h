/*
 * syserr.h — system error numbers (errno) as Chinese text for user-facing messages. Library code says
 * "无法打开文件：文件或目录不存在" rather than mixing the C library's English strerror into a Chinese
 * message; errno values without a Chinese text here fall back to strerror (English in the C locale), so
 * no information is lost.
 *
 * Ownership: the returned string is static (borrowed; strerror's buffer for the fallback, valid until the
 * next call of strerror in this thread).
 */
#ifndef YS_SYSERR_H
#define YS_SYSERR_H

/* The text of errno value err: Chinese for the common file and resource errors (ENOENT 文件或目录不存在,
 * EACCES/EPERM 没有权限, EISDIR, ENOTDIR, ENOSPC, EROFS, EMFILE, ENAMETOOLONG, EEXIST, EIO …),
 * strerror(err) for the rest. Never NULL. */
const char *ys_syserr_text(int err);

#endif
