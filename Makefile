# yusuan — a plain Makefile. `make` builds ./yusuan; `make check` runs every test; `make demo` installs
# what is missing, builds and audits the bundled example. Quiet by default: `make V=1` shows commands.
#
# BUILD=dir puts objects and binaries elsewhere (the sanitizer pass uses BUILD=build-asan); the default
# build also links ./yusuan at the repository root.

BUILD    ?= build
PREFIX   ?= /usr/local
DESTDIR  ?=
CC       ?= cc
OPT      ?= -O2 -g
SAN      ?=
PKGS      = libutf8proc jansson
WARN      = -std=c11 -Wall -Wextra -Wpedantic -Wshadow -Wstrict-prototypes $(if $(WERROR),-Werror)
CPPFLAGS += -Isrc -D_POSIX_C_SOURCE=200809L -D_DEFAULT_SOURCE -DYS_DATADIR='"$(PREFIX)/share/yusuan"'
CFLAGS   += $(OPT) $(WARN) $(SAN) $(shell pkg-config --cflags $(PKGS) 2>/dev/null) -MMD -MP
LDLIBS   += $(shell pkg-config --libs $(PKGS) 2>/dev/null)
LDFLAGS  += $(SAN)

ifeq ($(V),1)
Q =
else
Q = @
endif

LIB_SRC   := $(shell find src -name '*.c' ! -path 'src/cli/*' | sort)
CLI_SRC   := $(sort $(wildcard src/cli/*.c))
LIB_OBJ   := $(LIB_SRC:%.c=$(BUILD)/%.o)
CLI_OBJ   := $(CLI_SRC:%.c=$(BUILD)/%.o)
LIB       := $(BUILD)/libyusuan.a
BIN       := $(BUILD)/yusuan
UNIT_SRC  := $(sort $(wildcard tests/unit/test_*.c))
UNIT_BIN  := $(UNIT_SRC:tests/unit/%.c=$(BUILD)/tests/%)
FUZZ_SRC  := $(sort $(wildcard tests/fuzz/fuzz_*.c))
REPLAY_BIN:= $(FUZZ_SRC:tests/fuzz/%.c=$(BUILD)/tests/replay_%)
DEPS_STAMP:= $(BUILD)/.deps-ok

.PHONY: all deps check unit golden fuzz-replay demo bench fuzz install uninstall clean asan
all: $(BIN) $(if $(filter build,$(BUILD)),yusuan)

# Debian packages the build and the tests need: installed when missing (scripts/install-deps.sh).
$(DEPS_STAMP): scripts/install-deps.sh
	$(Q)mkdir -p $(@D)
	$(Q)sh scripts/install-deps.sh
	$(Q)touch $@
deps: $(DEPS_STAMP)

$(BUILD)/%.o: %.c | $(DEPS_STAMP)
	$(Q)mkdir -p $(@D)
	@$(if $(Q),echo "  CC      $<")
	$(Q)$(CC) $(CPPFLAGS) $(CFLAGS) -c $< -o $@

$(LIB): $(LIB_OBJ)
	@$(if $(Q),echo "  AR      $@")
	$(Q)rm -f $@ && ar rcs $@ $^

$(BIN): $(CLI_OBJ) $(LIB)
	@$(if $(Q),echo "  LD      $@")
	$(Q)$(CC) $(LDFLAGS) -o $@ $(CLI_OBJ) $(LIB) $(LDLIBS)

yusuan: $(BIN)
	$(Q)ln -sf $(BIN) yusuan

$(BUILD)/tests/%: tests/unit/%.c $(LIB)
	$(Q)mkdir -p $(@D)
	@$(if $(Q),echo "  CC      $<")
	$(Q)$(CC) $(CPPFLAGS) -Itests $(CFLAGS) $(shell pkg-config --cflags cmocka) $(LDFLAGS) -o $@ $< $(LIB) $(LDLIBS) $(shell pkg-config --libs cmocka)

$(BUILD)/tests/replay_%: tests/fuzz/%.c tests/fuzz/replay.c $(LIB)
	$(Q)mkdir -p $(@D)
	$(Q)$(CC) $(CPPFLAGS) $(CFLAGS) $(LDFLAGS) -o $@ $< tests/fuzz/replay.c $(LIB) $(LDLIBS)

# ---- tests ------------------------------------------------------------------------------------------
check: unit golden fuzz-replay
	@echo "make check: all passed"

unit: $(UNIT_BIN)
	$(Q)sh tests/run-unit.sh $(UNIT_BIN)

golden: $(BIN)
	$(Q)YUSUAN=$(abspath $(BIN)) sh tests/golden/run.sh

fuzz-replay: $(REPLAY_BIN)
	$(Q)for r in $(REPLAY_BIN); do n=$${r##*/replay_fuzz_}; $$r tests/fuzz/corpus/$$n || exit 1; done

# The whole suite again under AddressSanitizer and UndefinedBehaviorSanitizer (a separate CI step).
asan:
	$(Q)$(MAKE) BUILD=build-asan OPT="-O1 -g -fno-omit-frame-pointer" \
	    SAN="-fsanitize=address,undefined -fno-sanitize-recover=all" check

# ---- demo, bench, fuzz, install -----------------------------------------------------------------------
demo: all
	@echo "== yusuan audit examples/zhaoxian-hrss-2024/published.txt"
	$(Q)./yusuan audit examples/zhaoxian-hrss-2024/published.txt; s=$$?; \
	  if [ $$s -gt 1 ]; then exit $$s; fi; \
	  echo "(exit status $$s: 1 means the published document has errors — finding them is the demo working)"

bench: all
	$(Q)sh bench/run.sh

fuzz: $(DEPS_STAMP)
	$(Q)sh tests/fuzz/run.sh

install: all
	$(Q)install -d $(DESTDIR)$(PREFIX)/bin $(DESTDIR)$(PREFIX)/share/yusuan
	$(Q)install -m 755 $(BIN) $(DESTDIR)$(PREFIX)/bin/yusuan
	$(Q)cp -R data/. $(DESTDIR)$(PREFIX)/share/yusuan/

uninstall:
	$(Q)rm -f $(DESTDIR)$(PREFIX)/bin/yusuan
	$(Q)rm -rf $(DESTDIR)$(PREFIX)/share/yusuan

clean:
	$(Q)rm -rf build build-asan build-fuzz yusuan

-include $(LIB_OBJ:.o=.d) $(CLI_OBJ:.o=.d)
