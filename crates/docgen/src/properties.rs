//! The properties a Word file carries (File → Info): who made it, what it
//! is, when. docx-rs writes "unknown" and 1970 and has no setter for the
//! author, so the part is written again once the file is packed.

use std::io::{Cursor, Read, Write};

use chrono::{DateTime, SecondsFormat, Utc};
use zip::write::SimpleFileOptions;
use zip::{CompressionMethod, ZipArchive, ZipWriter};

const CORE: &str = "docProps/core.xml";

/// `docx` with its core properties: `author` (the unit), `title`, and
/// `at`, when known, as the time it was created and last changed (a
/// document takes its date of issue: the library reads no clock).
pub(crate) fn stamp(
    docx: Vec<u8>,
    author: &str,
    title: &str,
    at: Option<DateTime<Utc>>,
) -> Result<Vec<u8>, String> {
    let mut archive = ZipArchive::new(Cursor::new(docx)).map_err(|e| e.to_string())?;
    let mut out = ZipWriter::new(Cursor::new(Vec::new()));
    let options = SimpleFileOptions::default().compression_method(CompressionMethod::Deflated);
    let mut written = false;
    for i in 0..archive.len() {
        let file = archive.by_index_raw(i).map_err(|e| e.to_string())?;
        if file.name().map_err(|e| e.to_string())? == CORE {
            drop(file);
            out.start_file(CORE, options).map_err(|e| e.to_string())?;
            out.write_all(core_xml(author, title, at).as_bytes())
                .map_err(|e| e.to_string())?;
            written = true;
        } else {
            out.raw_copy_file(file).map_err(|e| e.to_string())?;
        }
    }
    if !written {
        return Err("the file has no docProps/core.xml".into());
    }
    Ok(out.finish().map_err(|e| e.to_string())?.into_inner())
}

fn core_xml(author: &str, title: &str, at: Option<DateTime<Utc>>) -> String {
    let at = at.map_or_else(String::new, |at| {
        let at = at.to_rfc3339_opts(SecondsFormat::Secs, true);
        format!(
            r#"<dcterms:created xsi:type="dcterms:W3CDTF">{at}</dcterms:created><dcterms:modified xsi:type="dcterms:W3CDTF">{at}</dcterms:modified>"#
        )
    });
    let (author, title) = (escape(author), escape(title));
    format!(
        r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?><cp:coreProperties xmlns:cp="http://schemas.openxmlformats.org/package/2006/metadata/core-properties" xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:dcterms="http://purl.org/dc/terms/" xmlns:dcmitype="http://purl.org/dc/dcmitype/" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance"><dc:title>{title}</dc:title><dc:creator>{author}</dc:creator><cp:lastModifiedBy>{author}</cp:lastModifiedBy><dc:language>vi-VN</dc:language>{at}<cp:revision>1</cp:revision></cp:coreProperties>"#
    )
}

fn escape(text: &str) -> String {
    text.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
        .replace('"', "&quot;")
}

/// The core properties of a packed file, as XML (for tests and checks).
pub fn core_properties(docx: &[u8]) -> Option<String> {
    let mut archive = ZipArchive::new(Cursor::new(docx)).ok()?;
    let mut xml = String::new();
    archive.by_name(CORE).ok()?.read_to_string(&mut xml).ok()?;
    Some(xml)
}
