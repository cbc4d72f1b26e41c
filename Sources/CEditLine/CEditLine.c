#include "CEditLine.h"
#include <signal.h>
#include <string.h>

EditLine *cle_init(const char *prog) { return el_init(prog, stdin, stdout, stderr); }
void cle_flush_stdout(void) { fflush(stdout); }

int cle_set_prompt(EditLine *el, cle_prompt_fn fn) { return el_set(el, EL_PROMPT, fn); }
int cle_set_editor(EditLine *el, const char *mode) { return el_set(el, EL_EDITOR, mode); }
int cle_set_signal(EditLine *el, int on) { return el_set(el, EL_SIGNAL, on); }
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

/* Deliberately no SA_RESTART: a read() blocked in el_wgets() returns with EINTR. */
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

static volatile sig_atomic_t sigwinch_seen = 0;
static void on_sigwinch(int signo) { (void)signo; sigwinch_seen = 1; }
void cle_install_sigwinch(void) { install(SIGWINCH, on_sigwinch); }
int cle_take_sigwinch(void) { return take(&sigwinch_seen); }
