/*
 * syserr.c — Chinese texts of the common errno values (syserr.h). The table covers what opening,
 * reading, writing and creating files and directories and starting a subprocess can fail with; anything
 * else keeps the C library's text.
 */
#include "core/syserr.h"

#include <errno.h>
#include <stddef.h>
#include <string.h>

static const struct {
    int err;
    const char *text;
} TEXTS[] = {
    {ENOENT, "文件或目录不存在"},
    {EACCES, "没有权限"},
    {EPERM, "没有权限（操作不允许）"},
    {EISDIR, "是一个目录"},
    {ENOTDIR, "路径中的某一部分不是目录"},
    {ENOSPC, "磁盘空间不足"},
    {EROFS, "文件系统为只读"},
    {EMFILE, "打开的文件过多"},
    {ENFILE, "系统中打开的文件过多"},
    {ENAMETOOLONG, "文件名过长"},
    {EEXIST, "文件已存在"},
    {EIO, "输入输出错误"},
    {ENOMEM, "内存不足"},
    {ELOOP, "符号链接层数过多"},
    {EFBIG, "文件过大"},
#ifdef EDQUOT
    {EDQUOT, "超出磁盘配额"},
#endif
    {EBUSY, "设备或资源忙"},
    {EXDEV, "不能跨文件系统操作"},
    {ENOTEMPTY, "目录不为空"},
    {EAGAIN, "资源暂时不可用"},
    {EINVAL, "参数无效"},
    {ENXIO, "设备不存在"},
    {ENODEV, "设备不存在"},
    {EPIPE, "管道已断开"},
    {ETXTBSY, "文件正被执行，无法写入"},
};

const char *ys_syserr_text(int err)
{
    for (size_t i = 0; i < sizeof TEXTS / sizeof *TEXTS; i++)
        if (TEXTS[i].err == err) return TEXTS[i].text;
    const char *s = strerror(err);
    return s ? s : "未知错误";
}
