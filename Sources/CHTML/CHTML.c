#include "CHTML.h"
#include <libxml/HTMLparser.h>
#include <libxml/tree.h>

jx_document *jx_html_parse(const char *bytes, int size) {
    int options = HTML_PARSE_RECOVER | HTML_PARSE_NOERROR | HTML_PARSE_NOWARNING | HTML_PARSE_NONET
        | HTML_PARSE_IGNORE_ENC | HTML_PARSE_COMPACT;
    return (jx_document *)htmlReadMemory(bytes, size, "page.html", "UTF-8", options);
}

void jx_html_free(jx_document *document) { xmlFreeDoc((xmlDocPtr)document); }

jx_node *jx_root(jx_document *document) { return (jx_node *)xmlDocGetRootElement((xmlDocPtr)document); }

jx_node *jx_first_child(jx_node *node) { return (jx_node *)((xmlNodePtr)node)->children; }

jx_node *jx_next(jx_node *node) { return (jx_node *)((xmlNodePtr)node)->next; }

jx_node *jx_parent(jx_node *node) { return (jx_node *)((xmlNodePtr)node)->parent; }

int jx_kind(jx_node *node) {
    switch (((xmlNodePtr)node)->type) {
    case XML_ELEMENT_NODE: return JX_ELEMENT;
    case XML_TEXT_NODE:
    case XML_CDATA_SECTION_NODE: return JX_TEXT;
    default: return JX_OTHER;
    }
}

const char *jx_name(jx_node *node) { return (const char *)((xmlNodePtr)node)->name; }

const char *jx_text(jx_node *node) { return (const char *)((xmlNodePtr)node)->content; }

long jx_line(jx_node *node) { return xmlGetLineNo((xmlNodePtr)node); }

char *jx_attribute(jx_node *node, const char *name) {
    return (char *)xmlGetProp((xmlNodePtr)node, (const xmlChar *)name);
}

char *jx_all_text(jx_node *node) { return (char *)xmlNodeGetContent((xmlNodePtr)node); }

void jx_free(void *pointer) { xmlFree(pointer); }
