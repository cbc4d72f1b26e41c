// libxml2's HTML parser (Debian's libxml2-dev), for web pages: it reads tag soup as browsers do.
#include <libxml/HTMLparser.h>
#include <libxml/tree.h>
