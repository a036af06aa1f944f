/*
 * book_template.c — writes the empty budget book (book_template.h): the XLSX workbook with libxlsxwriter
 * and the TSV directory form. The sheets, columns, Chinese headers, help lines and drop-down values come
 * from the reader's tables (read/book.h), so what the template writes is exactly what the reader accepts.
 */
#include "render/book_template.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include <xlsxwriter.h>

#include "core/buf.h"
#include "core/syserr.h"
#include "read/book.h"

#define VALIDATED_ROWS 2000   /* drop-down lists cover the rows below the header up to this one */

static bool exists(const char *path)
{
    struct stat st;
    return stat(path, &st) == 0;
}

/* ---- XLSX ------------------------------------------------------------------------------------------- */

static void add_list(lxw_worksheet *ws, lxw_row_t r0, lxw_col_t c, lxw_row_t r1, const char *const *choices)
{
    lxw_data_validation dv;
    memset(&dv, 0, sizeof dv);
    dv.validate = LXW_VALIDATION_TYPE_LIST;
    dv.value_list = (char **)choices;
    dv.error_type = LXW_VALIDATION_ERROR_TYPE_WARNING;   /* aliases stay possible */
    worksheet_data_validation_range(ws, r0, c, r1, c, &dv);
}

static void write_instructions(lxw_workbook *wb, lxw_format *bold, lxw_format *wrap)
{
    lxw_worksheet *ws = workbook_add_worksheet(wb, "说明");
    worksheet_set_column(ws, 0, 0, 22, NULL);
    worksheet_set_column(ws, 1, 1, 26, NULL);
    worksheet_set_column(ws, 2, 2, 90, wrap);
    lxw_row_t r = 0;
    worksheet_write_string(ws, r++, 0, "预算表册填写说明", bold);
    static const char *const general[] = {
        "本工作簿是部门预算表册：财务人员填写一次，yusuan build 据此生成部门预算公开的全部表格、情况说明和项目绩效目标表。",
        "每个工作表的第一行是表头，请勿修改；从第二行起每行一条记录。以 # 开头的行是注释，空行会被跳过。",
        "金额一律以“基本信息”表中的“金额单位(unit)”填写：元 或 万元，最多精确到分（元两位小数，万元六位小数）；不得使用公式。",
        "功能科目填写 7 位编码（项），经济科目填写 5 位编码（款）。带下拉列表的单元格请从列表中选择。",
        "检查表册：yusuan check book.xlsx；生成公开文件：yusuan build book.xlsx -o 输出目录。详见 docs/BOOK.md。",
    };
    for (size_t i = 0; i < sizeof general / sizeof *general; i++) worksheet_write_string(ws, r++, 2, general[i], wrap);
    r++;
    for (size_t s = 0; s < ys_book_sheet_count(); s++) {
        const ys_book_sheet *sh = ys_book_sheet_at(s);
        char title[128];
        snprintf(title, sizeof title, "%s(%s)%s", sh->zh, sh->name, sh->required ? "（必填）" : "");
        worksheet_write_string(ws, r, 0, title, bold);
        worksheet_write_string(ws, r++, 2, sh->help, wrap);
        if (!strcmp(sh->name, "meta")) {
            for (size_t k = 0; k < ys_book_meta_key_count(); k++) {
                const ys_book_meta_key *m = ys_book_meta_key_at(k);
                char key[128];
                snprintf(key, sizeof key, "%s(%s)", m->zh, m->key);
                worksheet_write_string(ws, r, 1, key, NULL);
                worksheet_write_string(ws, r++, 2, m->help, wrap);
            }
        } else {
            for (size_t k = 0; k < sh->ncols; k++) {
                const ys_book_column *c = &sh->cols[k];
                char key[128];
                snprintf(key, sizeof key, "%s(%s)%s", c->zh, c->key, c->required ? " *" : "");
                worksheet_write_string(ws, r, 1, key, NULL);
                if (*c->help) worksheet_write_string(ws, r, 2, c->help, wrap);
                r++;
            }
        }
        r++;
    }
    worksheet_write_string(ws, r++, 2, "带 * 的列必须有表头；一行记录中必填的值缺失时，yusuan check 会指出所在的工作表和单元格。", wrap);
}

static void write_sheet(lxw_workbook *wb, const ys_book_sheet *sh, lxw_format *bold)
{
    lxw_worksheet *ws = workbook_add_worksheet(wb, sh->name);
    for (size_t k = 0; k < sh->ncols; k++) {
        const ys_book_column *c = &sh->cols[k];
        char head[128];
        snprintf(head, sizeof head, "%s(%s)", c->zh, c->key);
        worksheet_set_column(ws, (lxw_col_t)k, (lxw_col_t)k, c->width, NULL);
        worksheet_write_string(ws, 0, (lxw_col_t)k, head, bold);
        if (c->choices) add_list(ws, 1, (lxw_col_t)k, VALIDATED_ROWS, c->choices);
    }
    worksheet_freeze_panes(ws, 1, 0);
    if (!strcmp(sh->name, "meta")) {
        for (size_t i = 0; i < ys_book_meta_key_count(); i++) {
            const ys_book_meta_key *m = ys_book_meta_key_at(i);
            char key[128];
            snprintf(key, sizeof key, "%s(%s)", m->zh, m->key);
            lxw_row_t r = (lxw_row_t)(i + 1);
            worksheet_write_string(ws, r, 0, key, NULL);
            worksheet_write_string(ws, r, 2, m->help, NULL);
            if (m->choices) add_list(ws, r, 1, r, m->choices);
        }
    }
}

ys_status ys_book_template_xlsx(const char *path, bool force, ys_diags *diags)
{
    if (!force && exists(path)) {
        ys_diags_add(diags, YS_DIAG_ERROR, path, 0, 0, "文件已存在（使用 --force 覆盖）");
        return YS_ERR_IO;
    }
    ys_buf tmp = YS_BUF_INIT;
    ys_buf_printf(&tmp, "%s.tmp.%ld", path, (long)getpid());
    lxw_workbook *wb = workbook_new(ys_buf_str(&tmp));
    if (!wb) {
        ys_diags_add(diags, YS_DIAG_ERROR, path, 0, 0, "无法创建工作簿");
        ys_buf_release(&tmp);
        return YS_ERR_IO;
    }
    lxw_doc_properties props;
    memset(&props, 0, sizeof props);
    props.title = "部门预算表册";
    props.author = "yusuan";
    props.created = (time_t)1704067200;   /* 2024-01-01T00:00:00Z: fixed, so the bytes are reproducible */
    workbook_set_properties(wb, &props);
    lxw_format *bold = workbook_add_format(wb);
    format_set_bold(bold);
    format_set_bg_color(bold, 0xDDEBF7);
    format_set_border(bold, LXW_BORDER_THIN);
    lxw_format *wrap = workbook_add_format(wb);
    format_set_text_wrap(wrap);
    format_set_align(wrap, LXW_ALIGN_VERTICAL_TOP);
    write_instructions(wb, bold, wrap);
    for (size_t s = 0; s < ys_book_sheet_count(); s++) write_sheet(wb, ys_book_sheet_at(s), bold);
    lxw_error err = workbook_close(wb);
    if (err != LXW_NO_ERROR) {
        ys_diags_add(diags, YS_DIAG_ERROR, path, 0, 0, "写入工作簿失败：%s", lxw_strerror(err));
        remove(ys_buf_str(&tmp));
        ys_buf_release(&tmp);
        return YS_ERR_IO;
    }
    if (rename(ys_buf_str(&tmp), path) != 0) {
        ys_diags_add(diags, YS_DIAG_ERROR, path, 0, 0, "写入文件失败：%s", ys_syserr_text(errno));
        remove(ys_buf_str(&tmp));
        ys_buf_release(&tmp);
        return YS_ERR_IO;
    }
    ys_buf_release(&tmp);
    return YS_OK;
}

/* ---- TSV -------------------------------------------------------------------------------------------- */

static ys_status write_atomic(const char *path, const char *bytes, size_t n, ys_diags *diags)
{
    ys_buf tmp = YS_BUF_INIT;
    ys_buf_printf(&tmp, "%s.tmp.%ld", path, (long)getpid());
    FILE *f = fopen(ys_buf_str(&tmp), "wb");
    ys_status st = YS_OK;
    if (!f) {
        ys_diags_add(diags, YS_DIAG_ERROR, path, 0, 0, "无法写入文件：%s", ys_syserr_text(errno));
        st = YS_ERR_IO;
    } else {
        int bad = n && fwrite(bytes, 1, n, f) != n;
        bad |= fclose(f) != 0;
        if (bad || rename(ys_buf_str(&tmp), path) != 0) {
            ys_diags_add(diags, YS_DIAG_ERROR, path, 0, 0, "写入文件失败：%s", ys_syserr_text(errno));
            remove(ys_buf_str(&tmp));
            st = YS_ERR_IO;
        }
    }
    ys_buf_release(&tmp);
    return st;
}

ys_status ys_book_template_tsv(const char *dir, bool force, ys_diags *diags)
{
    struct stat st;
    if (stat(dir, &st) != 0) {
        if (mkdir(dir, 0777) != 0) {
            ys_diags_add(diags, YS_DIAG_ERROR, dir, 0, 0, "无法创建目录：%s", ys_syserr_text(errno));
            return YS_ERR_IO;
        }
    } else if (!S_ISDIR(st.st_mode)) {
        ys_diags_add(diags, YS_DIAG_ERROR, dir, 0, 0, "不是目录");
        return YS_ERR_IO;
    }
    size_t dl = strlen(dir);
    const char *sep = dl && dir[dl - 1] == '/' ? "" : "/";
    ys_buf path = YS_BUF_INIT;
    /* refuse before writing anything: all or nothing */
    bool clash = false;
    for (size_t s = 0; s < ys_book_sheet_count() && !force; s++) {
        ys_buf_reset(&path);
        ys_buf_printf(&path, "%s%s%s.tsv", dir, sep, ys_book_sheet_at(s)->name);
        if (exists(ys_buf_str(&path))) {
            ys_diags_add(diags, YS_DIAG_ERROR, ys_buf_str(&path), 0, 0, "文件已存在（使用 --force 覆盖）");
            clash = true;
        }
    }
    if (clash) {
        ys_buf_release(&path);
        return YS_ERR_IO;
    }
    ys_status result = YS_OK;
    for (size_t s = 0; s < ys_book_sheet_count() && result == YS_OK; s++) {
        const ys_book_sheet *sh = ys_book_sheet_at(s);
        ys_buf body = YS_BUF_INIT;
        for (size_t k = 0; k < sh->ncols; k++) ys_buf_printf(&body, "%s%s", k ? "\t" : "", sh->cols[k].key);
        ys_buf_addc(&body, '\n');
        if (!strcmp(sh->name, "meta"))
            for (size_t i = 0; i < ys_book_meta_key_count(); i++) {
                const ys_book_meta_key *m = ys_book_meta_key_at(i);
                ys_buf_printf(&body, "%s\t\t%s%s%s\n", m->key, m->zh, *m->help ? "：" : "", m->help);
            }
        ys_buf_reset(&path);
        ys_buf_printf(&path, "%s%s%s.tsv", dir, sep, sh->name);
        result = write_atomic(ys_buf_str(&path), body.data, body.len, diags);
        ys_buf_release(&body);
    }
    ys_buf_release(&path);
    return result;
}
