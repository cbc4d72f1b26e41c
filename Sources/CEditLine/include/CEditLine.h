#ifndef CEDITLINE_H
#define CEDITLINE_H

/* The only C in jixiao. Swift cannot call libedit's variadic el_set(), el_get()
 * and history(), so each wrapper below fixes one argument list; and signal flags must be
 * sig_atomic_t, tested with the signals blocked, which Swift cannot express. */

#include <histedit.h>
#include <stdio.h>
#include <wchar.h>

typedef char *(*cle_prompt_fn)(EditLine *);
typedef unsigned char (*cle_key_fn)(EditLine *, int);
typedef int (*cle_read_fn)(EditLine *, wchar_t *);

/* el_init(prog, stdin, stdout, stderr): Swift 6 rejects the C stdio globals. */
EditLine *cle_init(const char *prog);
/* fflush(stdout), so prompt and output stay in order. */
void cle_flush_stdout(void);

int cle_set_prompt(EditLine *el, cle_prompt_fn fn);          /* EL_PROMPT */
int cle_set_editor(EditLine *el, const char *mode);          /* EL_EDITOR "emacs" */
int cle_set_clientdata(EditLine *el, void *data);            /* EL_CLIENTDATA */
void *cle_get_clientdata(EditLine *el);                      /* el_get EL_CLIENTDATA */
int cle_addfn(EditLine *el, const char *name, const char *help, cle_key_fn fn); /* EL_ADDFN */
int cle_bind(EditLine *el, const char *key, const char *fnname);               /* EL_BIND */
int cle_set_hist(EditLine *el, History *h);                  /* EL_HIST */
int cle_set_getcfn(EditLine *el, cle_read_fn fn);            /* EL_GETCFN */
int cle_refresh(EditLine *el);                               /* EL_REFRESH */

int cle_hist_setsize(History *h, int n);                     /* H_SETSIZE */
int cle_hist_setunique(History *h, int on);                  /* H_SETUNIQUE */
int cle_hist_enter(History *h, const char *line);            /* H_ENTER */
int cle_hist_load(History *h, const char *path);             /* H_LOAD */
int cle_hist_nsave_fp(History *h, size_t n, FILE *fp);       /* H_NSAVE_FP: the newest n */

/* Signals at the prompt. The handlers only record the signal (no SA_RESTART); the line editor
 * acts on it. libedit's own handlers (EL_SIGNAL) are not used: they act inside the handler and
 * raise the signal again for the whole process group (kill(0, ...)), so a shell that started
 * jixiao without job control got each Ctrl-C twice, and bash ends a script on the second. */
void cle_install_sigint(void);
int cle_take_sigint(void);     /* 1 if SIGINT arrived since the last call, and clears it */
int cle_sigint_pending(void);  /* 1 if SIGINT arrived since the last take, which it leaves */
/* The same for SIGWINCH: a resized window, after which the line is drawn again. */
void cle_install_sigwinch(void);
int cle_take_sigwinch(void);
/* Ctrl-Z (SIGTSTP) and SIGCONT recorded while on, their defaults while off: at the prompt the
 * terminal goes back to its modes before jixiao stops, and to the editor's when it continues. */
void cle_catch_stops(int on);
int cle_take_sigtstp(void);
int cle_take_sigcont(void);
int cle_prepare_terminal(EditLine *el, int raw);  /* EL_PREP_TERM: 1 the editor's modes, 0 cooked */
/* Waits until fd has input (1), or until one of those signals has arrived (0; the flags tell
 * which, and are left for the take functions), or fails (-1, errno set). */
int cle_wait_for_input(int fd);

#endif
