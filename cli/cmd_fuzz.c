// SPDX-License-Identifier: Apache-2.0
/*
 * `dmarfuzz fuzz --engine libfuzzer|afl --target oracle|text|walk_diff
 *  [--translator NAME|PATH.so] [--time S] [--runs N] [--jobs N] [--seed N]
 *  [--corpus DIR] [--out DIR]`: a campaign.  It builds nothing: the engine's
 * targets come from `scripts/build.sh libfuzzer|afl` beside this build
 * (build/libfuzzer, build/afl; DMARFUZZ_FUZZ_BUILD names another).  It runs
 * the engine as a child, shows a progress line, and turns every input the
 * engine saved as a crash into a finding: the bytes and a `.dmar` case
 * whose failing line is the divergence, one per signature (harness/finding.h).
 * Ctrl-C stops the engine and keeps what was found.  Exit 0: no finding;
 * 1: findings; 2: usage, or the engine could not run.
 */
#define _POSIX_C_SOURCE 200809L
#define _DEFAULT_SOURCE /* strsignal, setenv in older libcs */
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <signal.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "cli/cli.h"
#include "dmar/codec.h"
#include "dmar/engine.h"
#include "cli/fuzz_builtin.h"
#include "harness/finding.h"

#define MAX_FINDINGS 256

struct campaign {
	const char *engine, *target, *translator, *corpus, *out;
	const char *baseline;   /* builtin: a divergence counts only when this translator agrees with the oracle */
	bool first;             /* builtin: stop at the first finding */
	long seconds, runs, jobs, seed;
	char here[PATH_MAX];    /* the build this dmarfuzz runs from (build/release) */
	char build[PATH_MAX];   /* the engine's build tree */
	char binary[PATH_MAX];  /* its fuzz_<target> */
	char seeds[PATH_MAX];
	char work[PATH_MAX];    /* OUT/corpus (libFuzzer) or OUT/afl */
	char crashes[PATH_MAX]; /* where the engine saves crashing inputs */
	struct dmar_subject subject, base;
	void *plugin, *base_plugin;
	bool have_subject, have_base;
	char signatures[MAX_FINDINGS][17];
	unsigned findings, crashes_seen;
	long execs, exec_s, coverage, corpus_size;
	long shown;             /* builtin: the second the progress line was last shown (-1: never) */
};

static volatile sig_atomic_t interrupted;
static pid_t engine_pid;

static void on_interrupt(int sig)
{
	(void)sig;
	interrupted = 1;
	if (engine_pid > 0)
		kill(-engine_pid, SIGINT); /* the engine's whole process group */
}

static int usage(void)
{
	fprintf(stderr, "usage: dmarfuzz fuzz --engine libfuzzer|afl|builtin --target oracle|text|walk_diff "
			"[--translator NAME|PATH.so] [--time S] [--runs N] [--jobs N] [--seed N] [--corpus DIR] "
			"[--out DIR] [--baseline NAME --first (builtin)]\n");
	return 2;
}

/* a path built from pieces; false (and an empty path) when it does not fit */
static bool pathf(char *buf, size_t size, const char *fmt, ...) __attribute__((format(printf, 3, 4)));
static bool pathf(char *buf, size_t size, const char *fmt, ...)
{
	va_list ap;
	int n;

	va_start(ap, fmt);
	n = vsnprintf(buf, size, fmt, ap);
	va_end(ap);
	if (n < 0 || (size_t)n >= size) {
		buf[0] = 0;
		return false;
	}
	return true;
}

static bool is_dir(const char *p)
{
	struct stat st;

	return !stat(p, &st) && S_ISDIR(st.st_mode);
}

static bool is_exec(const char *p)
{
	return !access(p, X_OK);
}

static int make_dir(const char *p)
{
	if (!mkdir(p, 0755) || (errno == EEXIST && is_dir(p)))
		return 0;
	fprintf(stderr, "dmarfuzz: fuzz: %s: cannot make the folder: %s\n", p, strerror(errno));
	return -1;
}

/* the folder of the running dmarfuzz (its build); -1 when it cannot be told */
static int this_build(char *dir, size_t size)
{
	ssize_t n = readlink("/proc/self/exe", dir, size - 1);
	char *slash;

	if (n <= 0)
		return -1;
	dir[n] = 0;
	slash = strrchr(dir, '/');
	if (slash)
		*slash = 0;
	return 0;
}

/* the engine's build: this one for builtin, else $DMARFUZZ_FUZZ_BUILD or build/<engine> beside this one */
static int find_engine(struct campaign *k)
{
	const char *env = getenv("DMARFUZZ_FUZZ_BUILD");
	char self[PATH_MAX];

	if (this_build(k->here, sizeof(k->here)))
		return -1;
	if (!strcmp(k->engine, "builtin"))
		pathf(k->build, sizeof(k->build), "%s", k->here);
	else if (env && env[0])
		pathf(k->build, sizeof(k->build), "%s", env);
	else
		pathf(k->build, sizeof(k->build), "%s/../%s", k->here, k->engine);
	if (realpath(k->build, self))
		pathf(k->build, sizeof(k->build), "%s", self);
	pathf(k->binary, sizeof(k->binary), "%s/fuzz/fuzz_%s", k->build, k->target);
	if (strcmp(k->engine, "builtin") && !is_exec(k->binary)) {
		fprintf(stderr,
			"dmarfuzz: fuzz: %s: no %s build of the target %s: build it with `bash scripts/build.sh %s` "
			"(CMake option DMAR_FUZZ_ENGINE=%s with CC=%s), or name the build with DMARFUZZ_FUZZ_BUILD\n",
			k->binary, k->engine, k->target, k->engine, k->engine,
			!strcmp(k->engine, "afl") ? "afl-clang-fast" : "clang");
		return -1;
	}
	if (k->corpus)
		pathf(k->seeds, sizeof(k->seeds), "%s", k->corpus);
	else
		pathf(k->seeds, sizeof(k->seeds), "%s/fuzz/%s", k->build,
			 !strcmp(k->target, "text") ? "seeds-text" : "seeds");
	if (!is_dir(k->seeds)) {
		fprintf(stderr, "dmarfuzz: fuzz: %s: no such folder of seed inputs\n", k->seeds);
		return -1;
	}
	return 0;
}

static int parse(struct campaign *k, int argc, char **argv)
{
	int i;

	for (i = 1; i < argc; i++) {
		const char *o = argv[i], *v = i + 1 < argc ? argv[i + 1] : NULL;

		if (!strcmp(o, "--first")) {
			k->first = true;
			continue;
		}
		{
		char *end;
		long *num = !strcmp(o, "--time") ? &k->seconds : !strcmp(o, "--runs") ? &k->runs :
			    !strcmp(o, "--jobs") ? &k->jobs : !strcmp(o, "--seed") ? &k->seed : NULL;

		if (!v) {
			fprintf(stderr, "dmarfuzz: fuzz: `%s`: unknown option or missing value\n", o);
			return usage();
		}
		i++;
		if (num) {
			*num = strtol(v, &end, 10);
			if (*end || *num < 0 || (num == &k->jobs && *num < 1)) {
				fprintf(stderr, "dmarfuzz: fuzz: %s `%s`: must be a whole number%s\n", o, v,
					num == &k->jobs ? " of at least 1" : "");
				return 2;
			}
		} else if (!strcmp(o, "--engine")) {
			k->engine = v;
		} else if (!strcmp(o, "--target")) {
			k->target = v;
		} else if (!strcmp(o, "--translator")) {
			k->translator = v;
		} else if (!strcmp(o, "--corpus")) {
			k->corpus = v;
		} else if (!strcmp(o, "--out")) {
			k->out = v;
		} else if (!strcmp(o, "--baseline")) {
			k->baseline = v;
		} else {
			fprintf(stderr, "dmarfuzz: fuzz: `%s`: unknown option\n", o);
			return usage();
		}
		}
	}
	if ((k->baseline || k->first) && strcmp(k->engine ? k->engine : "", "builtin")) {
		fprintf(stderr, "dmarfuzz: fuzz: --baseline and --first go with --engine builtin\n");
		return 2;
	}
	if (!k->engine || !k->target)
		return usage();
	if (strcmp(k->engine, "libfuzzer") && strcmp(k->engine, "afl") && strcmp(k->engine, "builtin")) {
		fprintf(stderr, "dmarfuzz: fuzz: --engine `%s`: must be libfuzzer, afl or builtin\n", k->engine);
		return 2;
	}
	if (!strcmp(k->engine, "builtin") && strcmp(k->target, "walk_diff")) {
		fprintf(stderr, "dmarfuzz: fuzz: the builtin engine runs the walk_diff target (the others need a "
				"crash-proof engine: libfuzzer or afl)\n");
		return 2;
	}
	if (strcmp(k->target, "oracle") && strcmp(k->target, "text") && strcmp(k->target, "walk_diff")) {
		fprintf(stderr, "dmarfuzz: fuzz: --target `%s`: must be oracle, text or walk_diff\n", k->target);
		return 2;
	}
	if (k->translator && strcmp(k->target, "walk_diff")) {
		fprintf(stderr, "dmarfuzz: fuzz: --translator goes with --target walk_diff\n");
		return 2;
	}
	return 0;
}

/* ---- Running the engine ------------------------------------------------------ */

static void add(char **argv, int *n, const char *fmt, ...) __attribute__((format(printf, 3, 4)));
static void add(char **argv, int *n, const char *fmt, ...)
{
	va_list ap;
	char buf[PATH_MAX + 64];

	va_start(ap, fmt);
	vsnprintf(buf, sizeof(buf), fmt, ap);
	va_end(ap);
	argv[(*n)++] = strdup(buf);
}

static void free_argv(char **argv, int n)
{
	while (n--)
		free(argv[n]);
}

/* the engine's command line; returns the number of words */
static int engine_argv(const struct campaign *k, char **argv, int job)
{
	int n = 0;

	if (!strcmp(k->engine, "libfuzzer")) {
		add(argv, &n, "%s", k->binary);
		add(argv, &n, "-seed=%ld", k->seed);
		add(argv, &n, "-artifact_prefix=%s/", k->crashes);
		add(argv, &n, "-print_final_stats=1");
		if (k->runs) {
			add(argv, &n, "-runs=%ld", k->runs); /* one process, stops at the first finding */
		} else {
			/* fork mode goes on after a finding, so one campaign finds many */
			add(argv, &n, "-fork=%ld", k->jobs);
			add(argv, &n, "-ignore_crashes=1");
		}
		if (k->seconds)
			add(argv, &n, "-max_total_time=%ld", k->seconds);
		add(argv, &n, "%s", k->work);
		add(argv, &n, "%s", k->seeds);
	} else {
		add(argv, &n, "afl-fuzz");
		add(argv, &n, "-i");
		add(argv, &n, "%s", k->seeds);
		add(argv, &n, "-o");
		add(argv, &n, "%s", k->work);
		add(argv, &n, "-s");
		add(argv, &n, "%ld", k->seed + job);
		if (k->seconds) {
			add(argv, &n, "-V");
			add(argv, &n, "%ld", k->seconds);
		}
		if (k->runs) {
			add(argv, &n, "-E");
			add(argv, &n, "%ld", k->runs);
		}
		add(argv, &n, job ? "-S" : "-M");
		add(argv, &n, job ? "s%d" : "main", job);
		add(argv, &n, "--");
		add(argv, &n, "%s", k->binary);
	}
	argv[n] = NULL;
	return n;
}

/*
 * AFL++'s settings, and the structure-aware custom mutator: built in a plain
 * tree (fuzz/CMakeLists.txt), found beside the dmarfuzz that runs.
 */
static void afl_environment(const struct campaign *k)
{
	char lib[PATH_MAX];

	setenv("AFL_NO_UI", "1", 1);
	setenv("AFL_SKIP_CPUFREQ", "1", 1);
	setenv("AFL_NO_AFFINITY", "1", 1);
	setenv("AFL_I_DONT_CARE_ABOUT_MISSING_CRASHES", "1", 1);
	setenv("AFL_SUPPRESS_BANNER", "1", 1);
	if (pathf(lib, sizeof(lib), "%s/fuzz/dmar_afl_mutator.so", k->here) && !access(lib, R_OK))
		setenv("AFL_CUSTOM_MUTATOR_LIBRARY", lib, 1);
}

/* starts job `job` of the engine in a process group of its own; its output goes to OUT/engine*.log */
static pid_t start_engine(const struct campaign *k, int job)
{
	char *argv[40], log[PATH_MAX];
	int n = engine_argv(k, argv, job), fd;
	pid_t pid;

	pathf(log, sizeof(log), "%s/engine%s%.0d.log", k->out, job ? "-" : "", job);
	fflush(stdout);
	fflush(stderr);
	pid = fork();
	if (pid == 0) {
		setpgid(0, 0);
		fd = open(log, O_WRONLY | O_CREAT | O_TRUNC, 0644);
		if (fd >= 0) {
			dup2(fd, 1);
			dup2(fd, 2);
			close(fd);
		}
		if (k->translator)
			setenv("DMARFUZZ_TRANSLATOR", k->translator, 1);
		if (!strcmp(k->engine, "afl"))
			afl_environment(k);
		execvp(argv[0], argv);
		fprintf(stderr, "cannot run %s: %s\n", argv[0], strerror(errno));
		_exit(127);
	}
	if (pid > 0)
		setpgid(pid, pid);
	free_argv(argv, n);
	return pid;
}

/* ---- Progress -------------------------------------------------------------------- */

/* the last progress figures libFuzzer printed ("#N ... cov: C ... corp: K ... exec/s: E") */
static void libfuzzer_progress(struct campaign *k)
{
	char path[PATH_MAX], line[1024];
	FILE *f;

	pathf(path, sizeof(path), "%s/engine.log", k->out);
	f = fopen(path, "r");
	if (!f)
		return;
	while (fgets(line, sizeof(line), f)) {
		char *p;

		if (line[0] != '#')
			continue;
		k->execs = strtol(line + 1, NULL, 10);
		if ((p = strstr(line, "cov: ")))
			k->coverage = strtol(p + 5, NULL, 10);
		if ((p = strstr(line, "corp: ")))
			k->corpus_size = strtol(p + 6, NULL, 10);
		if ((p = strstr(line, "exec/s: ")) || (p = strstr(line, "exec/s ")))
			k->exec_s = strtol(p + 7, NULL, 10);
	}
	fclose(f);
}

/* AFL++'s fuzzer_stats of the main instance */
static void afl_progress(struct campaign *k)
{
	char path[PATH_MAX], line[256];
	long run_time = 0;
	FILE *f;

	pathf(path, sizeof(path), "%s/main/fuzzer_stats", k->work);
	f = fopen(path, "r");
	if (!f)
		return;
	while (fgets(line, sizeof(line), f)) {
		char *colon = strchr(line, ':');
		long v = colon ? strtol(colon + 1, NULL, 10) : 0;

		if (!strncmp(line, "execs_done", 10))
			k->execs = v;
		else if (!strncmp(line, "run_time", 8))
			run_time = v;
		else if (!strncmp(line, "corpus_count", 12))
			k->corpus_size = v;
		else if (!strncmp(line, "edges_found", 11))
			k->coverage = v;
	}
	fclose(f);
	/* the rate over the whole run (AFL++'s own figure swings at the start) */
	k->exec_s = run_time > 0 ? k->execs / run_time : 0;
}

static void show_progress(const struct campaign *k, long elapsed, bool tty)
{
	fprintf(stderr, "%sfuzz %s/%s: %lds, %ld execs, %ld exec/s, coverage %ld, corpus %ld, findings %u%s",
		tty ? "\r" : "", k->engine, k->target, elapsed, k->execs, k->exec_s, k->coverage, k->corpus_size,
		k->findings, tty ? "   " : "\n");
}

/* ---- Findings -------------------------------------------------------------------- */

static bool known_signature(struct campaign *k, const char *sig)
{
	unsigned i;

	for (i = 0; i < k->findings; i++)
		if (!strcmp(k->signatures[i], sig))
			return true;
	if (k->findings < MAX_FINDINGS)
		snprintf(k->signatures[k->findings], sizeof(k->signatures[0]), "%s", sig);
	return false;
}

/* writes OUT/findings/SIG.EXT unless it is there already */
static void save(const struct campaign *k, const char *sig, const char *ext, const void *data, size_t len)
{
	char path[PATH_MAX];

	pathf(path, sizeof(path), "%s/findings/%s.%s", k->out, sig, ext);
	if (access(path, F_OK))
		dmar_write_new(path, data, len, "fuzz");
}

/* the bytes' hash, as the signature of a crash the harness cannot tell more about */
static void bytes_signature(const uint8_t *b, size_t n, char sig[17])
{
	uint64_t h = 0xcbf29ce484222325ull;

	while (n--)
		h = (h ^ *b++) * 0x100000001b3ull;
	snprintf(sig, 17, "%016llx", (unsigned long long)h);
}

/*
 * A case on which the subject may part ways with the oracle: true when it
 * does; a divergence not seen before (by signature) is a new finding, saved
 * as its bytes and as the case whose failing line it is.
 */
static bool note_divergence(struct campaign *k, const void *bytes, size_t len, const struct dmar_case *c)
{
	struct dmar_case mine;
	struct dmar_error err;
	struct dmar_finding f, base;
	char *text;
	bool copied;

	if (!k->have_subject || dmar_find_divergence(c, &k->subject, &f, &err) != 1)
		return false;
	/* a divergence the baseline shares is not the subject's own */
	if (k->have_base && dmar_find_divergence(c, &k->base, &base, &err) != 0)
		return false;
	if (known_signature(k, f.signature))
		return true;
	k->findings++;
	copied = !dmar_case_copy(&mine, c); /* the text sets its expectations: on a copy */
	text = copied ? dmar_finding_text(&mine, &f, k->translator, "found by dmarfuzz fuzz") : NULL;
	if (text)
		dmar_finding_line(text, &k->subject, &f);
	fprintf(stderr, "%sFINDING %s: %s: %s answers %s; the oracle allows %s\n", isatty(2) ? "\n" : "",
		f.signature, f.request, k->translator, f.said, f.allowed);
	save(k, f.signature, "bin", bytes, len);
	if (text)
		save(k, f.signature, "dmar", text, strlen(text));
	free(text);
	if (copied)
		dmar_case_free(&mine);
	return true;
}

/*
 * One input the engine saved: for walk_diff, the divergence it shows on the
 * subject; for the other targets, or a crash that does not show as a
 * divergence here, the input itself, named by its bytes.
 */
static void take_crash(struct campaign *k, const char *path)
{
	struct dmar_error err;
	struct dmar_case c;
	size_t len;
	char *bytes = dmar_file_read(path, &len, &err), *text = NULL, sig[17];
	bool decoded = strcmp(k->target, "text") && dmar_case_decode((const uint8_t *)bytes, len, &c) == 0;

	if (!bytes)
		return;
	k->crashes_seen++;
	if (decoded && note_divergence(k, bytes, len, &c)) {
		dmar_case_free(&c);
		free(bytes);
		return;
	}
	if (decoded) {
		text = dmar_case_print(&c);
		dmar_case_free(&c);
	}
	bytes_signature((const uint8_t *)bytes, len, sig);
	if (!known_signature(k, sig)) {
		fprintf(stderr, "%sFINDING %s: the target %s crashed (see %s/engine.log)\n", isatty(2) ? "\n" : "",
			sig, k->target, k->out);
		k->findings++;
		save(k, sig, "bin", bytes, len);
		if (text)
			save(k, sig, "dmar", text, strlen(text));
	}
	free(text);
	free(bytes);
}

struct seen {
	char **names;
	size_t n;
};

/* an input file the engine saved as a finding: libFuzzer's crash-/leak-/timeout-/oom-, AFL++'s id: */
static bool is_finding_file(const char *name)
{
	static const char *const prefixes[] = { "crash-", "leak-", "timeout-", "oom-", "id:" };
	size_t i;

	for (i = 0; i < sizeof(prefixes) / sizeof(prefixes[0]); i++)
		if (!strncmp(name, prefixes[i], strlen(prefixes[i])))
			return true;
	return false;
}

/* takes every finding file of `dir` not taken before */
static void scan(struct campaign *k, const char *dir, struct seen *seen)
{
	DIR *d = opendir(dir);
	struct dirent *e;

	while (d && (e = readdir(d))) {
		char file[PATH_MAX + 256], **grown;
		size_t i;
		bool old = false;

		if (!is_finding_file(e->d_name))
			continue;
		snprintf(file, sizeof(file), "%s/%s", dir, e->d_name);
		for (i = 0; i < seen->n && !old; i++)
			old = !strcmp(seen->names[i], file);
		if (old || !(grown = realloc(seen->names, (seen->n + 1) * sizeof(*grown))))
			continue;
		seen->names = grown;
		if (!(seen->names[seen->n] = strdup(file)))
			continue;
		seen->n++;
		take_crash(k, file);
	}
	if (d)
		closedir(d);
}

/* every input the engine saved so far: libFuzzer's artifact folder, or each AFL++ instance's crashes/ */
static void collect(struct campaign *k, struct seen *seen)
{
	DIR *top;
	struct dirent *e;
	char dir[PATH_MAX + 256];

	if (strcmp(k->engine, "afl")) {
		scan(k, k->crashes, seen);
		return;
	}
	top = opendir(k->work);
	while (top && (e = readdir(top))) {
		if (e->d_name[0] == '.')
			continue;
		pathf(dir, sizeof(dir), "%s/%s/crashes", k->work, e->d_name);
		scan(k, dir, seen);
	}
	if (top)
		closedir(top);
}

/* ---- The campaign ------------------------------------------------------------------ */

static int prepare(struct campaign *k)
{
	char dir[PATH_MAX];

	if (!k->out)
		k->out = "fuzz-out";
	pathf(k->crashes, sizeof(k->crashes), "%s/crashes", k->out);
	pathf(k->work, sizeof(k->work), "%s/%s", k->out, !strcmp(k->engine, "afl") ? "afl" : "corpus");
	pathf(dir, sizeof(dir), "%s/findings", k->out);
	if (make_dir(k->out) || make_dir(k->crashes) || make_dir(dir))
		return -1;
	if (strcmp(k->engine, "afl") && make_dir(k->work))
		return -1;
	if (!strcmp(k->target, "walk_diff")) {
		if (!k->translator)
			k->translator = "fastwalk";
		if (dmar_subject_open("fuzz", k->translator, &k->subject, &k->plugin))
			return -1;
		k->have_subject = true;
		if (k->baseline) {
			if (dmar_subject_open("fuzz", k->baseline, &k->base, &k->base_plugin))
				return -1;
			k->have_base = true;
		}
	}
	return 0;
}

/* runs the engine's jobs to their end (or Ctrl-C), taking findings as they come */
static int run_campaign(struct campaign *k)
{
	pid_t pids[64] = { 0 };
	long jobs = !strcmp(k->engine, "afl") ? k->jobs : 1, j, alive = 0, elapsed = 0, last_line = -1;
	long limit = k->seconds ? k->seconds + 60 : 0; /* the engine stops itself; this is a backstop */
	struct seen seen = { 0 };
	struct sigaction sa = { 0 }, old_int, old_term;
	time_t start = time(NULL);
	bool tty = isatty(2), failed = false;
	int st;
	size_t i;

	if (jobs > 64)
		jobs = 64;
	sa.sa_handler = on_interrupt;
	sigaction(SIGINT, &sa, &old_int);
	sigaction(SIGTERM, &sa, &old_term);
	for (j = 0; j < jobs; j++) {
		pids[j] = start_engine(k, (int)j);
		alive += pids[j] > 0;
	}
	engine_pid = pids[0];
	while (alive) {
		sleep(1);
		for (j = 0; j < jobs; j++)
			if (pids[j] > 0 && waitpid(pids[j], &st, WNOHANG) == pids[j]) {
				/* 127: the engine could not be started at all */
				failed |= WIFEXITED(st) && WEXITSTATUS(st) == 127;
				pids[j] = 0;
				alive--;
			}
		engine_pid = pids[0];
		elapsed = (long)(time(NULL) - start);
		if (!strcmp(k->engine, "afl"))
			afl_progress(k);
		else
			libfuzzer_progress(k);
		collect(k, &seen);
		if (tty || elapsed / 15 != last_line) {
			show_progress(k, elapsed, tty);
			last_line = elapsed / 15;
		}
		if (limit && elapsed > limit)
			for (j = 0; j < jobs; j++)
				if (pids[j] > 0)
					kill(-pids[j], SIGKILL);
	}
	collect(k, &seen);
	if (tty)
		fputc('\n', stderr);
	sigaction(SIGINT, &old_int, NULL);
	sigaction(SIGTERM, &old_term, NULL);
	for (i = 0; i < seen.n; i++)
		free(seen.names[i]);
	free(seen.names);
	if (failed) {
		fprintf(stderr, "dmarfuzz: fuzz: the engine could not be started: %s/engine.log says why%s\n", k->out,
			!strcmp(k->engine, "afl") ? " (afl-fuzz comes with Debian's afl++: scripts/deps.sh afl++)" : "");
		return -1;
	}
	return 0;
}

static bool builtin_input(void *ctx, const uint8_t *bytes, size_t len, const struct dmar_case *c)
{
	struct campaign *k = ctx;
	bool found = note_divergence(k, bytes, len, c);

	if (found && k->first)
		interrupted = 1; /* stops the loop after this input */
	return found;
}

static void builtin_progress(void *ctx, long execs, long seconds)
{
	struct campaign *k = ctx;

	k->execs = execs;
	k->exec_s = seconds ? execs / seconds : execs;
	if (isatty(2) ? seconds != k->shown : seconds / 15 != k->shown / 15) {
		show_progress(k, seconds, isatty(2));
		k->shown = seconds;
	}
}

/* the builtin engine: no child, no coverage; a seed and a run count fix every input */
static int run_builtin(struct campaign *k)
{
	struct dmar_builtin_campaign b = { k->seeds, (uint64_t)k->seed, k->runs, k->seconds, &interrupted,
					   builtin_progress };
	struct dmar_builtin_stats st;
	struct sigaction sa = { 0 }, old;
	int rc;

	sa.sa_handler = on_interrupt;
	sigaction(SIGINT, &sa, &old);
	rc = dmar_fuzz_builtin(&b, builtin_input, k, &st);
	sigaction(SIGINT, &old, NULL);
	if (isatty(2))
		fputc('\n', stderr);
	k->execs = st.execs;
	k->exec_s = st.seconds ? st.execs / st.seconds : st.execs;
	if (st.first_finding_exec)
		printf("first finding at input %ld\n", st.first_finding_exec);
	return rc;
}

int dmar_cmd_fuzz(int argc, char **argv)
{
	struct campaign k = { .jobs = 1, .seed = 1, .shown = -1 };
	int rc = parse(&k, argc, argv);

	if (rc)
		return rc;
	if (!k.seconds && !k.runs)
		k.seconds = 60;
	if (find_engine(&k) || prepare(&k))
		return 2;
	fprintf(stderr, "fuzz: %s, target %s%s%s, seed %ld, %s%ld %s, %ld job%s; seeds %s; findings in %s/findings\n",
		k.engine, k.target, k.have_subject ? ", translator " : "", k.have_subject ? k.translator : "",
		k.seed, k.runs ? "" : "", k.runs ? k.runs : k.seconds, k.runs ? "runs" : "s", k.jobs,
		k.jobs == 1 ? "" : "s", k.seeds, k.out);
	rc = strcmp(k.engine, "builtin") ? run_campaign(&k) : run_builtin(&k);
	if (k.have_subject)
		dmar_subject_close(&k.subject, k.plugin);
	if (k.have_base)
		dmar_subject_close(&k.base, k.base_plugin);
	if (rc)
		return 2;
	printf("%s%ld execs (%ld exec/s at the end), coverage %ld, corpus %ld: %u distinct finding%s in %s/findings\n",
	       interrupted && !(k.first && k.findings) ? "stopped (Ctrl-C): " : "", k.execs, k.exec_s, k.coverage, k.corpus_size, k.findings,
	       k.findings == 1 ? "" : "s", k.out);
	return k.findings ? 1 : 0;
}
