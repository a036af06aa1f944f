# yusuan — a plain Makefile. `make` builds ./yusuan; `make check` runs every test; `make demo` installs
# what is missing, builds and audits the bundled example. Quiet by default: `make V=1` shows commands.
#
# Targets:
#   all (default)  build $(BUILD)/yusuan (and the ./yusuan link for the default build)
#   check          unit tests (cmocka), golden CLI tests, the binary's modules, fuzz-corpus replay, browser
#   unit golden modules-test fuzz-replay browser   the parts of check
#   asan           the whole check again under AddressSanitizer + UBSan, in build-asan/
#   demo           build and audit examples/zhaoxian-hrss-2024/published.txt
#   bench          audit hundreds of copies of the sample against `wc -l` (bench/run.sh)
#   fuzz           libFuzzer on the text reader + all rules for FUZZ_SECONDS (tests/fuzz/run.sh)
#   install uninstall installcheck   PREFIX (default /usr/local), DESTDIR for staging; the modules of the
#                  binary go to PREFIX/lib/yusuan (src/cli/modules.c)
#   deps           install missing Debian packages (scripts/install-deps.sh)
#   clean
#
# Variables: BUILD=dir puts objects and binaries elsewhere (every engineer and the sanitizer pass build in
# their own directory); CC, OPT (-O2 -g), SAN (sanitizer flags), WERROR=1 (-Werror, as in CI), V=1.
#
# Discovery is automatic: every src/**/*.c goes into $(BUILD)/libyusuan.a (src/cli/*.c into the binary),
# every tests/unit/test_*.c becomes its own cmocka binary, every tests/fuzz/fuzz_*.c a corpus replayer.
# The binary links $(BUILD)/libyusuan-core.a (the library minus the module sources below) and loads the
# modules $(BUILD)/modules/yusuan-{pdf,xlsx,pg,serve}.so with dlopen when a command needs them.

BUILD    ?= build
PREFIX   ?= /usr/local
DESTDIR  ?=
CC       ?= cc
OPT      ?= -O2 -g
SAN      ?=
PKGS      = libutf8proc jansson libzip expat xlsxwriter pangocairo freexl sqlite3 gumbo libmicrohttpd libpq
# Used when pkg-config itself is missing or does not know a package (the library names are stable).
PKGS_FALLBACK_LIBS = -lutf8proc -ljansson -lzip -lexpat -lxlsxwriter -lpangocairo-1.0 -lpango-1.0 -lgobject-2.0 -lglib-2.0 -lcairo -lfreexl -lsqlite3 -lgumbo -lmicrohttpd -lpq
# The binary links only the core packages; four features that need heavy libraries (≈ 18 ms of start-up
# between them) are modules it loads on demand (src/cli/modules.c): MOD_<name>_SRC are their sources,
# MOD_<name>_PKGS / _FALLBACK their libraries. Unit tests and other programs link everything (PKGS).
PKGS_CORE = libutf8proc jansson libzip expat freexl sqlite3 gumbo
PKGS_CORE_FALLBACK_LIBS = -lutf8proc -ljansson -lzip -lexpat -lfreexl -lsqlite3 -lgumbo
MODULES   = pdf xlsx pg serve
MOD_pdf_SRC    = src/render/pdf.c
MOD_pdf_PKGS   = pangocairo
MOD_pdf_FALLBACK = -lpangocairo-1.0 -lpango-1.0 -lgobject-2.0 -lglib-2.0 -lcairo
MOD_xlsx_SRC   = src/render/workbook.c src/render/book_template.c
MOD_xlsx_PKGS  = xlsxwriter
MOD_xlsx_FALLBACK = -lxlsxwriter
MOD_pg_SRC     = src/store/store_pg.c
MOD_pg_PKGS    = libpq
MOD_pg_FALLBACK = -lpq
MOD_serve_SRC  = src/portal/serve.c
MOD_serve_PKGS = libmicrohttpd
MOD_serve_FALLBACK = -lmicrohttpd
WARN      = -std=c11 -Wall -Wextra -Wpedantic -Wshadow -Wstrict-prototypes $(if $(WERROR),-Werror)

# pkg-config is asked once, lazily, at the first recipe that needs it — after scripts/install-deps.sh
# has run (the object rule has the deps stamp as an order-only prerequisite), so a machine with only
# gcc and make gets the right flags on the first `make`.
PKG_CFLAGS = $(eval PKG_CFLAGS := $$(shell pkg-config --cflags $$(PKGS) 2>/dev/null))$(PKG_CFLAGS)
PKG_LIBS   = $(eval PKG_LIBS := $$(or $$(shell pkg-config --libs $$(PKGS) 2>/dev/null),$$(PKGS_FALLBACK_LIBS)))$(PKG_LIBS)
CORE_LIBS  = $(eval CORE_LIBS := $$(or $$(shell pkg-config --libs $$(PKGS_CORE) 2>/dev/null),$$(PKGS_CORE_FALLBACK_LIBS)))$(CORE_LIBS)
mod_libs   = $(or $(shell pkg-config --libs $(MOD_$(1)_PKGS) 2>/dev/null),$(MOD_$(1)_FALLBACK))
CMOCKA_CFLAGS = $(eval CMOCKA_CFLAGS := $$(shell pkg-config --cflags cmocka 2>/dev/null))$(CMOCKA_CFLAGS)
CMOCKA_LIBS   = $(eval CMOCKA_LIBS := $$(or $$(shell pkg-config --libs cmocka 2>/dev/null),-lcmocka))$(CMOCKA_LIBS)

CPPFLAGS += -Isrc -D_POSIX_C_SOURCE=200809L -D_DEFAULT_SOURCE
CFLAGS   += $(OPT) $(WARN) $(SAN) $(PKG_CFLAGS) -MMD -MP
LDLIBS   += $(PKG_LIBS)
LDFLAGS  += $(SAN)

ifeq ($(V),1)
Q =
say =
else
Q = @
say = @echo "  $(1)$(2)"
endif

LIB_SRC   := $(shell find src -name '*.c' ! -path 'src/cli/*' | LC_ALL=C sort)
CLI_SRC   := $(sort $(wildcard src/cli/*.c))
LIB_OBJ   := $(LIB_SRC:%.c=$(BUILD)/%.o)
CLI_OBJ   := $(CLI_SRC:%.c=$(BUILD)/%.o)
LIB       := $(BUILD)/libyusuan.a
BIN       := $(BUILD)/yusuan
MOD_SRC   := $(foreach m,$(MODULES),$(MOD_$(m)_SRC))
MOD_OBJ   := $(MOD_SRC:%.c=$(BUILD)/%.o)
CORE_LIB  := $(BUILD)/libyusuan-core.a
MODDIR    := $(BUILD)/modules
MOD_SO    := $(MODULES:%=$(MODDIR)/yusuan-%.so)
EXPORTS   := $(MODDIR)/exports.list
UNIT_SRC  := $(sort $(wildcard tests/unit/test_*.c))
UNIT_BIN  := $(UNIT_SRC:tests/unit/%.c=$(BUILD)/tests/%)
FUZZ_SRC  := $(sort $(wildcard tests/fuzz/fuzz_*.c))
REPLAY_BIN:= $(FUZZ_SRC:tests/fuzz/%.c=$(BUILD)/tests/replay_%)
DEPS_STAMP:= $(BUILD)/.deps-ok
PREFIX_STAMP := $(BUILD)/.prefix

.PHONY: all deps check unit golden modules-test fuzz-replay browser demo bench fuzz install uninstall installcheck clean asan \
        FORCE
.DELETE_ON_ERROR:
all: $(BIN) $(if $(filter build,$(BUILD)),yusuan)

# ---- build ------------------------------------------------------------------------------------------
# Debian packages the build and the tests need: installed when missing (scripts/install-deps.sh).
$(DEPS_STAMP): scripts/install-deps.sh
	$(Q)mkdir -p $(@D)
	$(Q)sh scripts/install-deps.sh
	$(Q)touch $@
deps: $(DEPS_STAMP)

$(BUILD)/%.o: %.c | $(DEPS_STAMP)
	$(Q)mkdir -p $(@D)
	$(call say,CC      ,$<)
	$(Q)$(CC) $(CPPFLAGS) $(CFLAGS) -c $< -o $@

# The compiled-in data directory follows PREFIX: datadir.o is rebuilt when PREFIX changes (an installed
# binary also finds ../share/yusuan beside itself, so a relocated tree works too).
$(PREFIX_STAMP): FORCE
	$(Q)mkdir -p $(@D)
	$(Q)echo '$(PREFIX)' | cmp -s - $@ || echo '$(PREFIX)' > $@
$(BUILD)/src/core/datadir.o: CPPFLAGS += -DYS_DATADIR='"$(PREFIX)/share/yusuan"'
$(BUILD)/src/core/datadir.o: $(PREFIX_STAMP)

$(LIB): $(LIB_OBJ)
	$(call say,AR      ,$@)
	$(Q)rm -f $@ && ar rcs $@ $^

# ---- the binary and its modules (src/cli/modules.c) ---------------------------------------------------
# The module sources are compiled once, position-independent, for libyusuan.a and for their module.
$(MOD_OBJ): CFLAGS += -fPIC
# Objects of a build directory made before the modules existed are not position-independent: this stamp,
# created once, is newer than they are, so they are compiled again.
$(BUILD)/.pic:
	$(Q)mkdir -p $(@D)
	$(Q)touch $@
$(MOD_OBJ): $(BUILD)/.pic
$(BUILD)/src/cli/modules.o: CPPFLAGS += -DYS_MODULEDIR='"$(PREFIX)/lib/yusuan"'
$(BUILD)/src/cli/modules.o: $(PREFIX_STAMP)

$(CORE_LIB): $(filter-out $(MOD_OBJ),$(LIB_OBJ))
	$(call say,AR      ,$@)
	$(Q)rm -f $@ && ar rcs $@ $^

# What the binary exports to its modules: every symbol a module object leaves undefined that the core
# library defines (yusuan's own functions), as a linker dynamic list; the binary also links each with -u,
# so an object only a module needs is still pulled out of the archive. Rewritten only when it changes.
$(EXPORTS): $(MOD_OBJ) $(CORE_LIB)
	$(Q)mkdir -p $(@D)
	$(Q)nm -g --defined-only $(CORE_LIB) | awk 'NF == 3 && $$2 ~ /[A-Z]/ && $$2 != "U" { print $$3 }' | LC_ALL=C sort -u > $@.def
	$(Q)nm -u $(MOD_OBJ) | awk 'NF == 2 && $$1 == "U" { print $$2 }' | LC_ALL=C sort -u > $@.undef
	$(Q)LC_ALL=C comm -12 $@.def $@.undef | awk 'BEGIN { print "{" } { print "  " $$0 ";" } END { print "};" }' > $@.new
	$(Q)rm -f $@.def $@.undef
	$(Q)if cmp -s $@.new $@; then rm -f $@.new; else mv $@.new $@; fi

# Modules: linked -shared against their own libraries only; -Bsymbolic keeps their calls to their own
# functions inside (the binary defines forwarders of the same names).
define module_rule
$(MODDIR)/yusuan-$(1).so: $(MOD_$(1)_SRC:%.c=$(BUILD)/%.o)
	$$(Q)mkdir -p $$(@D)
	$$(call say,LD      ,$$@)
	$$(Q)$$(CC) -shared $$(LDFLAGS) -Wl,-Bsymbolic -o $$@ $$^ $$(call mod_libs,$(1))
endef
$(foreach m,$(MODULES),$(eval $(call module_rule,$(m))))

$(BIN): $(CLI_OBJ) $(CORE_LIB) $(EXPORTS) | $(MOD_SO)
	$(call say,LD      ,$@)
	$(Q)$(CC) $(LDFLAGS) -Wl,--dynamic-list=$(EXPORTS) \
	  $$(sed -n 's/^  \(.*\);$$/-Wl,-u,\1/p' $(EXPORTS)) -o $@ $(CLI_OBJ) $(CORE_LIB) $(CORE_LIBS) -ldl

yusuan: $(BIN)
	$(Q)ln -sf $(BIN) yusuan

$(BUILD)/tests/%: tests/unit/%.c $(wildcard tests/unit/*.h) $(LIB)
	$(Q)mkdir -p $(@D)
	$(call say,CC      ,$<)
	$(Q)$(CC) $(CPPFLAGS) -Itests $(CFLAGS) $(CMOCKA_CFLAGS) $(LDFLAGS) -o $@ $< $(LIB) $(LDLIBS) $(CMOCKA_LIBS)

$(BUILD)/tests/replay_%: tests/fuzz/%.c tests/fuzz/replay.c $(LIB)
	$(Q)mkdir -p $(@D)
	$(call say,CC      ,$<)
	$(Q)$(CC) $(CPPFLAGS) $(CFLAGS) $(LDFLAGS) -o $@ $< tests/fuzz/replay.c $(LIB) $(LDLIBS)

# ---- tests ------------------------------------------------------------------------------------------
check: unit golden modules-test fuzz-replay browser
	@echo "make check: all passed ($(BUILD))"

unit: $(UNIT_BIN)
	$(Q)sh tests/run-unit.sh $(UNIT_BIN)

golden: $(BIN)
	$(Q)YUSUAN=$(abspath $(BIN)) sh tests/golden/run.sh

# The binary's modules: linkage, search order, missing/broken modules (tests/modules/run.sh).
modules-test: $(BIN)
	$(Q)YUSUAN=$(abspath $(BIN)) sh tests/modules/run.sh

# The HTML page opened in headless Chromium (skips with a message when chromium is absent).
browser: $(LIB) $(BIN)
	$(Q)BUILD=$(BUILD) CC="$(CC)" SAN="$(SAN)" PKGS="$(PKGS)" sh tests/browser/run.sh
	$(Q)BUILD=$(BUILD) sh tests/browser/portal.sh

fuzz-replay: $(REPLAY_BIN)
	$(Q)for r in $(REPLAY_BIN); do n=$${r##*/replay_fuzz_}; $$r tests/fuzz/corpus/$$n || exit 1; done

# The whole suite again under AddressSanitizer and UndefinedBehaviorSanitizer (a separate CI step).
ASAN_BUILD ?= build-asan
asan:
	$(Q)ASAN_OPTIONS=detect_leaks=1 UBSAN_OPTIONS=print_stacktrace=1 \
	  LSAN_OPTIONS=suppressions=$(abspath tests/lsan.supp):print_suppressions=0 \
	  $(MAKE) --no-print-directory BUILD=$(ASAN_BUILD) OPT="-O1 -g -fno-omit-frame-pointer" \
	    SAN="-fsanitize=address,undefined -fno-sanitize-recover=all" check

# ---- demo, bench, fuzz, install -----------------------------------------------------------------------
demo: all
	@echo "== yusuan build examples/zhaoxian-hrss-2024/book -o out/zhaoxian-hrss-2024"
	$(Q)$(BIN) build examples/zhaoxian-hrss-2024/book -o out/zhaoxian-hrss-2024
	@echo
	@echo "== yusuan audit examples/zhaoxian-hrss-2024/published.txt"
	$(Q)$(BIN) audit examples/zhaoxian-hrss-2024/published.txt; s=$$?; \
	  if [ $$s -gt 1 ]; then exit $$s; fi; \
	  echo "(exit status $$s: 1 means the published document has errors — finding them is the demo working)"

bench: all
	$(Q)YUSUAN=$(abspath $(BIN)) sh bench/run.sh

FUZZ_SECONDS ?= 60
fuzz: $(DEPS_STAMP)
	$(Q)sh scripts/install-deps.sh fuzz
	$(Q)FUZZ_SECONDS=$(FUZZ_SECONDS) MAKE="$(MAKE)" sh tests/fuzz/run.sh

install: all
	$(call say,INSTALL ,$(DESTDIR)$(PREFIX))
	$(Q)install -d $(DESTDIR)$(PREFIX)/bin $(DESTDIR)$(PREFIX)/share/yusuan $(DESTDIR)$(PREFIX)/lib/yusuan
	$(Q)install -m 755 $(BIN) $(DESTDIR)$(PREFIX)/bin/yusuan
	$(Q)install -m 644 $(MOD_SO) $(DESTDIR)$(PREFIX)/lib/yusuan/
	$(Q)cp -R data/. $(DESTDIR)$(PREFIX)/share/yusuan/

uninstall:
	$(Q)rm -f $(DESTDIR)$(PREFIX)/bin/yusuan
	$(Q)rm -rf $(DESTDIR)$(PREFIX)/share/yusuan
	$(Q)rm -f $(MODULES:%=$(DESTDIR)$(PREFIX)/lib/yusuan/yusuan-%.so)
	$(Q)rmdir $(DESTDIR)$(PREFIX)/lib/yusuan 2>/dev/null || true

# Stage an install in a temporary DESTDIR and check that the installed tree finds its data.
installcheck: $(LIB)
	$(Q)BUILD=$(BUILD) CC="$(CC)" CFLAGS="$(CPPFLAGS) $(CFLAGS)" LDLIBS="$(LDLIBS)" LDFLAGS="$(LDFLAGS)" \
	  MAKE="$(MAKE)" sh scripts/check-install.sh

clean:
	$(Q)rm -rf $(BUILD) build-asan build-fuzz yusuan

FORCE:

-include $(LIB_OBJ:.o=.d) $(CLI_OBJ:.o=.d)
