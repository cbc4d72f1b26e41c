// zlib, from Debian's zlib1g-dev: inflates the members of a .docx.
#include <zlib.h>
