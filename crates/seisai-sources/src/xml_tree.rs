//! Per-record element trees over the streaming [`XmlStream`]: an XML
//! loader walks the file event by event and reads each record element (a
//! `<sanctionEntity>`, `<Designation>`, `<record>`) into a small
//! [`Element`] tree, so that the whole document is never held as a tree.

use crate::xml_events::{XmlEvent, XmlStream};
use crate::{Input, SourceError};

/// An element with its attributes, text and child elements.
#[derive(Clone, Debug, Default)]
pub struct Element {
    /// Local name (namespace prefix removed).
    pub name: String,
    /// Attributes by local name, values unescaped.
    pub attrs: Vec<(String, String)>,
    /// Text directly inside the element, trimmed.
    pub text: String,
    /// Child elements in document order.
    pub children: Vec<Element>,
}

impl Element {
    /// The value of an attribute (trimmed), or `""`.
    pub fn attr(&self, name: &str) -> &str {
        self.attrs.iter().find(|(k, _)| k == name).map(|(_, v)| v.trim()).unwrap_or("")
    }

    /// The direct children called `name`.
    pub fn children<'a>(&'a self, name: &'a str) -> impl Iterator<Item = &'a Element> + 'a {
        self.children.iter().filter(move |c| c.name == name)
    }

    /// The first direct child called `name`.
    pub fn child(&self, name: &str) -> Option<&Element> {
        self.children.iter().find(|c| c.name == name)
    }

    /// The text of the first child called `name`, or `""`.
    pub fn text_of(&self, name: &str) -> &str {
        self.child(name).map(|c| c.text.as_str()).unwrap_or("")
    }

    /// All elements reached by the `/`-separated `path` of child names.
    pub fn find_all<'a>(&'a self, path: &'a str) -> Vec<&'a Element> {
        let mut current = vec![self];
        for step in path.split('/').filter(|s| !s.is_empty()) {
            current = current.into_iter().flat_map(|e| e.children(step)).collect();
        }
        current
    }
}

/// Reads the element that `stream` just opened (`name`, `attrs`) up to its
/// closing tag, with all descendants.
pub fn read_element(
    stream: &mut XmlStream<'_>,
    file: &str,
    name: String,
    attrs: Vec<(String, String)>,
) -> Result<Element, SourceError> {
    let mut open = vec![Element { name, attrs, ..Default::default() }];
    loop {
        match stream.next()? {
            XmlEvent::Open { name, attrs } => open.push(Element { name, attrs, ..Default::default() }),
            XmlEvent::Close { text, .. } => {
                let mut done = open.pop().unwrap_or_default();
                done.text = text;
                match open.last_mut() {
                    Some(parent) => parent.children.push(done),
                    None => return Ok(done),
                }
            }
            XmlEvent::Eof => {
                return Err(SourceError::format(
                    file,
                    stream.location(),
                    "the document ends inside an element",
                    "the element's closing tag",
                ));
            }
        }
    }
}

/// What [`read_records`] hands to its caller.
pub enum Item<'a> {
    /// The root element (attributes only).
    Root(&'a Element),
    /// A record element with all its descendants, and its location
    /// (`Designation 3 (line 120, element /Designations/Designation)`).
    Record(&'a Element, &'a str),
    /// An element outside the records closed, with its name and text.
    Closed(&'a str, &'a str),
}

/// Streams one UTF-8 XML file whose root element is `root`, reading each
/// `record` element (at any depth) into a tree. A different root, a file
/// without elements, bad encoding or malformed XML is an error naming the
/// file, line and element.
pub fn read_records(input: &Input, root: &str, record: &str, mut f: impl FnMut(Item<'_>)) -> Result<(), SourceError> {
    let file = input.name.as_str();
    let text = crate::delimited::utf8(file, &input.data)?;
    let mut stream = XmlStream::new(file, text);
    let mut seen_root = false;
    let mut index = 0usize;
    loop {
        match stream.next()? {
            XmlEvent::Open { name, attrs } if !seen_root => {
                if name != root {
                    return Err(SourceError::format(file, stream.location(), format!("root element <{name}>"), format!("<{root}>")));
                }
                seen_root = true;
                f(Item::Root(&Element { name, attrs, ..Default::default() }));
            }
            XmlEvent::Open { name, attrs } if name == record => {
                index += 1;
                let location = format!("{record} {index} ({})", stream.location());
                let element = read_element(&mut stream, file, name, attrs)?;
                f(Item::Record(&element, &location));
            }
            XmlEvent::Open { .. } => {}
            XmlEvent::Close { name, text } => f(Item::Closed(&name, &text)),
            XmlEvent::Eof => break,
        }
    }
    if !seen_root {
        return Err(SourceError::format(file, "start", "no XML element", format!("a <{root}> document")));
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn root(xml: &str) -> Result<Element, SourceError> {
        let mut s = XmlStream::new("t.xml", xml);
        loop {
            match s.next()? {
                XmlEvent::Open { name, attrs } => return read_element(&mut s, "t.xml", name, attrs),
                XmlEvent::Close { .. } => {}
                XmlEvent::Eof => return Err(SourceError::format("t.xml", "end", "no element", "an element")),
            }
        }
    }

    #[test]
    fn builds_the_tree() {
        let r = root("<a x=' 1 '><b>A</b><b/><c><d>deep</d></c></a>").unwrap_or_default();
        assert_eq!(r.attr("x"), "1");
        assert_eq!(r.text_of("b"), "A");
        assert_eq!(r.children("b").count(), 2);
        assert_eq!(r.find_all("c/d").first().map(|d| d.text.as_str()), Some("deep"));
        assert_eq!(r.text_of("missing"), "");
    }

    #[test]
    fn truncation_is_an_error_naming_the_file() {
        let e = root("<a><b>x</b><c>").err().map(|e| e.to_string()).unwrap_or_default();
        assert!(e.starts_with("t.xml:"), "{e}");
    }
}
