// A narrow C face on libxml2's HTML parser. libxml2's own headers include ICU's, which clash
// with the copy of ICU inside Foundation when both are imported into Swift; these wrappers keep
// libxml2's headers on the C side, and its tree behind an opaque node type.
#ifndef CHTML_H
#define CHTML_H

typedef struct jx_node jx_node;
typedef struct jx_document jx_document;

enum jx_node_kind { JX_ELEMENT = 1, JX_TEXT = 3, JX_OTHER = 0 };

/// Parses `size` bytes of UTF-8 as HTML, recovering from errors as browsers do, with no network
/// access and the page's own charset declaration ignored (the caller has decoded it). NULL when
/// libxml2 cannot make a document of it.
jx_document *jx_html_parse(const char *bytes, int size);
void jx_html_free(jx_document *document);
jx_node *jx_root(jx_document *document);

jx_node *jx_first_child(jx_node *node);
jx_node *jx_next(jx_node *node);
jx_node *jx_parent(jx_node *node);
int jx_kind(jx_node *node);
/// The element's name as written (libxml2 lower-cases HTML names), or NULL.
const char *jx_name(jx_node *node);
/// A text node's text (UTF-8), or NULL.
const char *jx_text(jx_node *node);
/// The source line the node starts on.
long jx_line(jx_node *node);
/// An attribute's value, to be released with jx_free; NULL when absent.
char *jx_attribute(jx_node *node, const char *name);
/// All the text under the node, to be released with jx_free.
char *jx_all_text(jx_node *node);
void jx_free(void *pointer);

#endif
