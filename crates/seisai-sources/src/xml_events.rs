//! A thin layer over quick-xml's streaming reader for the XML loaders: it
//! yields element openings (with attributes) and closings (with the text
//! directly inside the element, entity references resolved), keeps the
//! element path, and turns every XML error — including a document cut off
//! before its root closes — into a [`SourceError`] naming the file, line
//! and element path.

use quick_xml::Reader;
use quick_xml::events::Event;
use quick_xml::escape::resolve_predefined_entity;

use crate::SourceError;

/// What the stream yields.
#[derive(Debug)]
pub(crate) enum XmlEvent {
    /// An element opened (also for empty elements, followed by `Close`).
    Open {
        /// Local name (namespace prefix removed).
        name: String,
        /// Attributes by local name, values unescaped.
        attrs: Vec<(String, String)>,
    },
    /// An element closed, with the text directly inside it (trimmed).
    Close {
        /// Local name.
        name: String,
        /// Text content directly inside the element.
        text: String,
    },
    /// End of the document.
    Eof,
}

/// Streaming reader over one XML document held in memory.
pub(crate) struct XmlStream<'a> {
    file: &'a str,
    source: &'a str,
    reader: Reader<&'a [u8]>,
    path: Vec<String>,
    texts: Vec<String>,
    pending_close: Option<String>,
    /// (byte offset, line at that offset) of the last line computed.
    counted: std::cell::Cell<(usize, usize)>,
}

impl<'a> XmlStream<'a> {
    /// A stream over `source` (already decoded), reported as `file`.
    pub(crate) fn new(file: &'a str, source: &'a str) -> Self {
        let reader = Reader::from_str(source);
        XmlStream {
            file,
            source,
            reader,
            path: Vec::new(),
            texts: Vec::new(),
            pending_close: None,
            counted: std::cell::Cell::new((0, 1)),
        }
    }

    /// The current element path, `/root/child/…`.
    pub(crate) fn path(&self) -> String {
        format!("/{}", self.path.join("/"))
    }

    /// Reads the root element, which must be `<expected>`, and returns its
    /// attributes.
    pub(crate) fn open_root(&mut self, expected: &str) -> Result<Vec<(String, String)>, SourceError> {
        let want = format!("<{expected}>");
        match self.next()? {
            XmlEvent::Open { name, attrs } if name == expected => Ok(attrs),
            XmlEvent::Open { name, .. } => Err(SourceError::format(self.file, self.location(), format!("root element <{name}>"), want)),
            _ => Err(SourceError::format(self.file, "line 1", "no root element", want)),
        }
    }

    /// Number of elements open (the depth of the current element).
    pub(crate) fn path_len(&self) -> usize {
        self.path.len()
    }

    /// Name of the element `up` levels above the current one (0 = current).
    pub(crate) fn parent(&self, up: usize) -> &str {
        self.path.len().checked_sub(up + 1).and_then(|i| self.path.get(i)).map_or("", String::as_str)
    }

    /// The 1-based line of the reader's current position.
    pub(crate) fn line(&self) -> usize {
        self.line_at(self.reader.buffer_position())
    }

    /// The line of byte offset `pos`, counted on from the last position
    /// asked for (positions only grow while reading), so that asking at
    /// every record stays linear in the file size.
    fn line_at(&self, pos: u64) -> usize {
        let pos = usize::try_from(pos).unwrap_or(usize::MAX).min(self.source.len());
        let (from, mut line) = match self.counted.get() {
            (at, line) if at <= pos => (at, line),
            _ => (0, 1),
        };
        line += self.source.as_bytes().get(from..pos).map_or(0, |b| b.iter().filter(|&&c| c == b'\n').count());
        self.counted.set((pos, line));
        line
    }

    /// "line N, element /a/b" for messages.
    pub(crate) fn location(&self) -> String {
        format!("line {}, element {}", self.line(), self.path())
    }

    fn error(&self, detail: String, expected: &str) -> SourceError {
        let line = self.line_at(self.reader.error_position());
        SourceError::format(self.file, format!("line {line}, element {}", self.path()), detail, expected)
    }

    /// The next opening or closing of an element. After a `Close` the path
    /// no longer contains the closed element.
    pub(crate) fn next(&mut self) -> Result<XmlEvent, SourceError> {
        if let Some(name) = self.pending_close.take() {
            return Ok(self.close(name));
        }
        loop {
            let event = self.reader.read_event().map_err(|e| self.error(e.to_string(), "well-formed XML"))?;
            match event {
                Event::Start(e) => {
                    let (name, attrs) = self.opening(&e)?;
                    self.path.push(name.clone());
                    self.texts.push(String::new());
                    return Ok(XmlEvent::Open { name, attrs });
                }
                Event::Empty(e) => {
                    let (name, attrs) = self.opening(&e)?;
                    self.path.push(name.clone());
                    self.texts.push(String::new());
                    self.pending_close = Some(name.clone());
                    return Ok(XmlEvent::Open { name, attrs });
                }
                Event::End(e) => {
                    let name = e.local_name().as_ref().to_string();
                    return Ok(self.close(name));
                }
                Event::Text(t) => self.push_text(&t.xml10_content()),
                Event::CData(t) => self.push_text(&t.xml10_content()),
                Event::GeneralRef(r) => {
                    let resolved = match r.resolve_char_ref() {
                        Ok(Some(c)) => Some(c.to_string()),
                        Ok(None) => resolve_predefined_entity(&r).map(str::to_string),
                        Err(e) => return Err(self.error(e.to_string(), "a valid character reference")),
                    };
                    match resolved {
                        Some(s) => self.push_text(&s),
                        None => {
                            return Err(self.error(format!("unknown entity &{};", &*r), "&amp;, &lt;, &gt;, &quot;, &apos; or &#N;"));
                        }
                    }
                }
                Event::Eof => {
                    if !self.path.is_empty() {
                        let open = self.path();
                        return Err(SourceError::format(
                            self.file,
                            format!("line {}, element {open}", self.line()),
                            "the document ends before its elements are closed (truncated file?)",
                            "a complete XML document",
                        ));
                    }
                    return Ok(XmlEvent::Eof);
                }
                Event::Comment(_) | Event::Decl(_) | Event::PI(_) | Event::DocType(_) => {}
            }
        }
    }

    fn push_text(&mut self, s: &str) {
        if let Some(t) = self.texts.last_mut() {
            t.push_str(s);
        }
    }

    fn close(&mut self, name: String) -> XmlEvent {
        self.path.pop();
        let text = self.texts.pop().unwrap_or_default();
        XmlEvent::Close { name, text: text.trim().to_string() }
    }

    fn opening(&self, e: &quick_xml::events::BytesStart<'_>) -> Result<(String, Vec<(String, String)>), SourceError> {
        let name = e.local_name().as_ref().to_string();
        let mut attrs = Vec::new();
        for a in e.attributes() {
            let a = a.map_err(|err| self.error(err.to_string(), "well-formed attributes"))?;
            let key = a.key.local_name().as_ref().to_string();
            let value = a
                .normalized_value(quick_xml::XmlVersion::Implicit1_0)
                .map_err(|err| self.error(err.to_string(), "a well-formed attribute value"))?;
            attrs.push((key, value.into_owned()));
        }
        Ok((name, attrs))
    }
}

/// The value of attribute `key`.
pub(crate) fn attr<'v>(attrs: &'v [(String, String)], key: &str) -> Option<&'v str> {
    attrs.iter().find(|(k, _)| k == key).map(|(_, v)| v.as_str())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn collect(xml: &str) -> Result<Vec<String>, SourceError> {
        let mut s = XmlStream::new("t.xml", xml);
        let mut out = Vec::new();
        loop {
            match s.next()? {
                XmlEvent::Open { name, attrs } => out.push(format!("<{name}{}", attrs.len())),
                XmlEvent::Close { name, text } => out.push(format!("{name}={text}")),
                XmlEvent::Eof => return Ok(out),
            }
        }
    }

    #[test]
    fn texts_resolve_references_and_empty_elements_close() {
        let got = collect("<a x='1'><b>A &amp; B &#x41;</b><c/></a>").unwrap_or_default();
        assert_eq!(got, ["<a1", "<b0", "b=A & B A", "<c0", "c=", "a="]);
    }

    #[test]
    fn truncation_and_mismatch_are_errors_with_location() {
        let e = collect("<a>\n<b>text").err().map(|e| e.to_string()).unwrap_or_default();
        assert!(e.contains("t.xml") && e.contains("/a/b") && e.contains("truncated"), "{e}");
        let e = collect("<a>\n<b></c></a>").err().map(|e| e.to_string()).unwrap_or_default();
        assert!(e.contains("line 2"), "{e}");
        assert!(collect("<a>&bogus;</a>").is_err());
    }
}
