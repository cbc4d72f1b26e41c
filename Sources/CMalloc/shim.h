// glibc's allocator settings (mallopt), which the executable sets once at its start.
#include <malloc.h>
