# ruff: noqa
# Copied unchanged (below these three lines) from shared/tools/schematron.py, so that the tests
# need nothing outside the repository; see tests/data/schemas/tbx/README.md for the schemas.
"""Minimal Schematron runner for the TBX schemas in ../schemas/tbx (usage: python schematron.py SCHEMA.sch|.rng FILE.tbx ...).
Supports <pattern>/<rule context>/<assert>/<report>, first-matching-rule per pattern.
 * ISO Schematron with queryBinding xslt2 (TBX-Basic_DCA.sch): XPath 3.1 via saxonche,
   because lxml.isoschematron refuses queryBinding="xslt2".
 * Schematron 1.5 rules embedded in TBXBasicRNGV02.rng (XPath 1.0 idioms): lxml XPath 1.0."""
import sys
from lxml import etree

ISO = "http://purl.oclc.org/dsdl/schematron"
ASCC = "http://www.ascc.net/xml/schematron"

def load_rules(sch_path):
    t = etree.parse(sch_path)
    root = t.getroot()
    binding = root.get("queryBinding", "xslt") if root.tag == f"{{{ISO}}}schema" else "xslt"
    ns, patterns = {}, []
    for sch in (ISO, ASCC):
        ns.update({n.get("prefix"): n.get("uri") for n in t.iter(f"{{{sch}}}ns")})
        for p in t.iter(f"{{{sch}}}pattern"):  # also finds rules embedded in a RELAX NG grammar
            rules = []
            for r in p.iterfind(f"{{{sch}}}rule"):
                checks = [(c.tag.split("}")[1], c.get("test"), " ".join("".join(c.itertext()).split()))
                          for c in r if c.tag in (f"{{{sch}}}assert", f"{{{sch}}}report")]
                rules.append((r.get("context"), checks))
            patterns.append((p.get("id") or p.get("name"), rules))
    return binding, ns, patterns

def run(patterns, select, key_of, test):
    failures = []
    for pid, rules in patterns:
        fired = set()  # a node is handled only by the first rule of a pattern that matches it
        for context, checks in rules:
            for node in select("//" + context):
                key = key_of(node)
                if key in fired:
                    continue
                fired.add(key)
                for kind, expr, msg in checks:
                    ok = test(node, expr)
                    if (kind == "assert" and not ok) or (kind == "report" and ok):
                        failures.append((pid, key, msg))
    return failures

def validate_xpath1(ns, patterns, xml_path):
    doc = etree.parse(xml_path)
    def select(expr):
        r = doc.xpath(expr, namespaces=ns)
        return list(r)
    def key_of(n):
        if isinstance(n, etree._ElementUnicodeResult):  # attribute node
            return doc.getpath(n.getparent()) + "/@" + str(n.attrname)
        return doc.getpath(n)
    def test(n, expr):
        ctx = n.getparent() if isinstance(n, etree._ElementUnicodeResult) else n
        return bool(ctx.xpath(f"boolean({expr})", namespaces=ns))
    return run(patterns, select, key_of, test)

def validate_xpath31(proc, ns, patterns, xml_path):
    doc = proc.parse_xml(xml_file_name=xml_path)
    xp = proc.new_xpath_processor()
    for prefix, uri in ns.items():
        xp.declare_namespace(prefix, uri)
    def select(expr):
        xp.set_context(xdm_item=doc)
        v = xp.evaluate(expr)
        return [v.item_at(i) for i in range(v.size)] if v is not None else []
    def key_of(n):
        xp.set_context(xdm_item=n)
        return str(xp.evaluate_single("path(.)")).replace("Q{urn:iso:std:iso:30042:ed-2}", "")
    def test(n, expr):
        xp.set_context(xdm_item=n)
        return xp.effective_boolean_value(expr)
    return run(patterns, select, key_of, test)

if __name__ == "__main__":
    binding, ns, patterns = load_rules(sys.argv[1])
    print(f"# {sys.argv[1]}: queryBinding={binding}, {len(patterns)} patterns")
    if binding in ("xslt2", "xslt3", "xpath2", "xpath3", "xpath31"):
        from saxonche import PySaxonProcessor
        proc = PySaxonProcessor(license=False)
        check = lambda f: validate_xpath31(proc, ns, patterns, f)
    else:
        check = lambda f: validate_xpath1(ns, patterns, f)
    bad = 0
    for f in sys.argv[2:]:
        fails = check(f)
        bad += bool(fails)
        print(f"{f}: {'VALID' if not fails else 'INVALID (%d)' % len(fails)}")
        for pid, where, msg in fails:
            print(f"   [{pid}] {where}\n      {msg}")
    sys.exit(1 if bad else 0)
