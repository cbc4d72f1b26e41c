#define _GNU_SOURCE  /* ppoll */
#include "CEditLine.h"
#include <errno.h>
#include <poll.h>
#include <pthread.h>
#include <signal.h>
#include <string.h>

EditLine *cle_init(const char *prog) { return el_init(prog, stdin, stdout, stderr); }
void cle_flush_stdout(void) { fflush(stdout); }

int cle_set_prompt(EditLine *el, cle_prompt_fn fn) { return el_set(el, EL_PROMPT, fn); }
int cle_set_editor(EditLine *el, const char *mode) { return el_set(el, EL_EDITOR, mode); }
int cle_set_clientdata(EditLine *el, void *data) { return el_set(el, EL_CLIENTDATA, data); }
void *cle_get_clientdata(EditLine *el) {
    void *p = NULL;
    el_get(el, EL_CLIENTDATA, &p);
    return p;
}
int cle_addfn(EditLine *el, const char *name, const char *help, cle_key_fn fn) {
    return el_set(el, EL_ADDFN, name, help, fn);
}
int cle_bind(EditLine *el, const char *key, const char *fnname) {
    return el_set(el, EL_BIND, key, fnname, (const char *)NULL);
}
int cle_set_hist(EditLine *el, History *h) { return el_set(el, EL_HIST, history, h); }
int cle_set_getcfn(EditLine *el, cle_read_fn fn) { return el_set(el, EL_GETCFN, fn); }
int cle_refresh(EditLine *el) { return el_set(el, EL_REFRESH); }

int cle_hist_setsize(History *h, int n) { HistEvent ev; return history(h, &ev, H_SETSIZE, n); }
int cle_hist_setunique(History *h, int on) { HistEvent ev; return history(h, &ev, H_SETUNIQUE, on); }
int cle_hist_enter(History *h, const char *line) { HistEvent ev; return history(h, &ev, H_ENTER, line); }
int cle_hist_load(History *h, const char *path) { HistEvent ev; return history(h, &ev, H_LOAD, path); }
int cle_hist_nsave_fp(History *h, size_t n, FILE *fp) { HistEvent ev; return history(h, &ev, H_NSAVE_FP, n, fp); }

/* Deliberately no SA_RESTART: a wait for input returns with EINTR. The handlers only record the
 * signal: everything else happens on the main thread, outside the handler. */
static void install(int signo, void (*handler)(int)) {
    struct sigaction sa;
    memset(&sa, 0, sizeof sa);
    sa.sa_handler = handler;
    sigemptyset(&sa.sa_mask);
    sa.sa_flags = 0;
    sigaction(signo, &sa, NULL);
}
static int take(volatile sig_atomic_t *seen) {
    if (*seen) { *seen = 0; return 1; }
    return 0;
}

static volatile sig_atomic_t sigint_seen = 0;
static void on_sigint(int signo) { (void)signo; sigint_seen = 1; }
void cle_install_sigint(void) { install(SIGINT, on_sigint); }
int cle_take_sigint(void) { return take(&sigint_seen); }
int cle_sigint_pending(void) { return sigint_seen != 0; }

static volatile sig_atomic_t sigwinch_seen = 0;
static void on_sigwinch(int signo) { (void)signo; sigwinch_seen = 1; }
void cle_install_sigwinch(void) { install(SIGWINCH, on_sigwinch); }
int cle_take_sigwinch(void) { return take(&sigwinch_seen); }

static volatile sig_atomic_t sigtstp_seen = 0, sigcont_seen = 0;
static void on_sigtstp(int signo) { (void)signo; sigtstp_seen = 1; }
static void on_sigcont(int signo) { (void)signo; sigcont_seen = 1; }
void cle_catch_stops(int on) {
    if (on) {
        install(SIGTSTP, on_sigtstp);
        install(SIGCONT, on_sigcont);
    } else {
        signal(SIGTSTP, SIG_DFL);
        signal(SIGCONT, SIG_DFL);
    }
}
int cle_take_sigtstp(void) { return take(&sigtstp_seen); }
int cle_take_sigcont(void) { return take(&sigcont_seen); }

int cle_prepare_terminal(EditLine *el, int raw) { return el_set(el, EL_PREP_TERM, raw); }

/* The flags are tested with the signals blocked, and ppoll() unblocks them only while it waits:
 * a signal that lands between the test and the wait still ends the wait. A plain read() would
 * sleep through a Ctrl-C that came while libedit was drawing the line. */
int cle_wait_for_input(int fd) {
    sigset_t watched, saved, during;
    sigemptyset(&watched);
    sigaddset(&watched, SIGINT);
    sigaddset(&watched, SIGWINCH);
    sigaddset(&watched, SIGTSTP);
    sigaddset(&watched, SIGCONT);
    pthread_sigmask(SIG_BLOCK, &watched, &saved);
    int result = 0;
    if (!sigint_seen && !sigwinch_seen && !sigtstp_seen && !sigcont_seen) {
        struct pollfd input = {.fd = fd, .events = POLLIN, .revents = 0};
        during = saved;
        sigdelset(&during, SIGINT);
        sigdelset(&during, SIGWINCH);
        sigdelset(&during, SIGTSTP);
        sigdelset(&during, SIGCONT);
        int ready = ppoll(&input, 1, NULL, &during);
        result = ready > 0 ? 1 : (ready < 0 && errno != EINTR) ? -1 : 0;
    }
    int failure = errno;
    pthread_sigmask(SIG_SETMASK, &saved, NULL);
    errno = failure;
    return result;
}
