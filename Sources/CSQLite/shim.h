// SQLite's C library, from Debian's libsqlite3-dev.
#include <sqlite3.h>

// sqlite3_db_config takes variable arguments, which Swift cannot pass: one fixed form for the
// options that take an int to set and an int* to report (NULL here).
static inline int jx_sqlite3_db_config_int(sqlite3 *db, int option, int value) {
    return sqlite3_db_config(db, option, value, (int *)0);
}

// sqlite3_config likewise: one fixed form for the options that take a single int.
static inline int jx_sqlite3_config_int(int option, int value) {
    return sqlite3_config(option, value);
}
