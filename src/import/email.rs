//! Reading an e-mail (`.eml`, RFC 5322 with MIME): the subject as title, the sender as
//! author, the day of the Date header (in the sender's own time zone) as publication
//! day, and the body: the plain-text parts, or else the HTML parts read as a page is.
//! Attachments are named, not imported. Parsing and decoding (MIME, quoted-printable,
//! base64, charsets, encoded words) are `mail-parser`'s.

use std::path::Path;

use chrono::NaiveDate;
use mail_parser::{Message, MessageParser, MimeHeaders, PartType};

use super::ImportError;
use super::document::{Document, read_html};

/// Reads an e-mail's bytes as the file at `path`.
pub(super) fn read_email(bytes: &[u8], path: &Path) -> Result<Document, ImportError> {
    let refuse = |problem: &str| ImportError::File {
        path: path.to_path_buf(),
        problem: problem.to_string(),
    };
    let message = MessageParser::default()
        .parse(bytes)
        .filter(|m| m.subject().is_some() || m.from().is_some() || m.date().is_some())
        .ok_or_else(|| {
            refuse(
                "this is not an e-mail: it has no Subject, From or Date header; save the \
                 message again from the mail program as .eml",
            )
        })?;
    let attachments = attachment_names(&message);
    let text = body(&message, path)?;
    if text.trim().is_empty() {
        let carried = match attachments.is_empty() {
            true => String::new(),
            false => format!(
                "; its attachments ({}) are not imported",
                attachments.join(", ")
            ),
        };
        return Err(refuse(&format!(
            "the e-mail has no text to annotate{carried}"
        )));
    }
    Ok(Document {
        title: message.subject().map(collapse).unwrap_or_default(),
        text,
        path: path.to_path_buf(),
        author: message
            .from()
            .and_then(|from| from.first())
            .and_then(|sender| {
                let name = sender.name().map(collapse).filter(|n| !n.is_empty());
                name.or_else(|| sender.address().map(collapse))
            }),
        published: message
            .date()
            .and_then(|d| NaiveDate::from_ymd_opt(d.year.into(), d.month.into(), d.day.into())),
        attachments,
        ..Document::default()
    })
}

/// The message's text: its plain-text body parts, each as written; or, when it has
/// none, its HTML body parts, each read as a page. Parts are separated by a blank line.
fn body(message: &Message<'_>, path: &Path) -> Result<String, ImportError> {
    let plain: Vec<&str> = message
        .text_bodies()
        .filter_map(|part| match &part.body {
            PartType::Text(text) => Some(text.as_ref()),
            _ => None,
        })
        .collect();
    if plain.iter().any(|text| !text.trim().is_empty()) {
        return Ok(plain.join("\n\n"));
    }
    let mut pages = Vec::new();
    for part in message.html_bodies() {
        if let PartType::Html(html) = &part.body {
            match read_html(html, path) {
                Ok(page) => pages.push(page.text),
                Err(ImportError::Empty { .. }) => {}
                Err(err) => return Err(err),
            }
        }
    }
    Ok(pages.join("\n\n"))
}

/// The names of the message's attachments, in order: the file name given, else the
/// subject of an attached message, else the kind of content.
fn attachment_names(message: &Message<'_>) -> Vec<String> {
    message
        .attachments()
        .map(|part| {
            let subject = match &part.body {
                PartType::Message(attached) => attached.subject(),
                _ => None,
            };
            let kind = part
                .content_type()
                .map(|t| match t.subtype() {
                    Some(sub) => format!("{}/{sub}", t.ctype()),
                    None => t.ctype().to_string(),
                })
                .unwrap_or_else(|| "attachment".to_string());
            part.attachment_name()
                .or(subject)
                .map(collapse)
                .filter(|name| !name.is_empty())
                .unwrap_or(format!("unnamed {kind}"))
        })
        .collect()
}

/// Collapses runs of white space (folded header lines) to one space and trims the ends.
fn collapse(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::import::document_from_bytes;

    fn read(bytes: &str) -> Result<Document, ImportError> {
        document_from_bytes(
            bytes.as_bytes(),
            Path::new("mail.eml"),
            super::super::Reading::Article,
        )
    }

    #[test]
    fn subject_sender_and_day_become_the_details() {
        let doc = read(
            "From: \"Press Office\" <press@example.org>\r\n\
             To: desk@example.net\r\n\
             Subject: =?UTF-8?Q?Statement_on_the_call_=E2=80=94_4_June?=\r\n\
             Date: Wed, 4 Jun 2025 23:30:00 -0400\r\n\
             Content-Type: text/plain; charset=utf-8\r\n\
             Content-Transfer-Encoding: quoted-printable\r\n\
             \r\n\
             The President spoke with Pope Leo =E2=80=9Cat length=E2=80=9D.\r\n\
             \r\n\
             Second paragraph.\r\n",
        )
        .unwrap();
        assert_eq!(doc.title, "Statement on the call — 4 June");
        assert_eq!(doc.author.as_deref(), Some("Press Office"));
        // The day in the sender's zone, not in UTC (which is already 5 June).
        assert_eq!(doc.published, NaiveDate::from_ymd_opt(2025, 6, 4));
        assert_eq!(
            doc.text,
            "The President spoke with Pope Leo “at length”.\n\nSecond paragraph.\n"
        );
        assert!(doc.attachments.is_empty());
    }

    #[test]
    fn the_plain_text_is_preferred_to_the_html_and_attachments_are_named() {
        let doc = read(
            "From: desk@example.net\r\nSubject: Fwd: readout\r\n\
             Content-Type: multipart/mixed; boundary=outer\r\n\r\n\
             --outer\r\nContent-Type: multipart/alternative; boundary=inner\r\n\r\n\
             --inner\r\nContent-Type: text/plain; charset=iso-8859-1\r\n\
             Content-Transfer-Encoding: quoted-printable\r\n\r\n\
             Caf=E9 talks went on.\r\n\
             --inner\r\nContent-Type: text/html\r\n\r\n<p>HTML version</p>\r\n\
             --inner--\r\n\
             --outer\r\nContent-Type: application/pdf; name=\"readout.pdf\"\r\n\
             Content-Disposition: attachment; filename=\"readout.pdf\"\r\n\
             Content-Transfer-Encoding: base64\r\n\r\nJVBERi0xLjQK\r\n\
             --outer\r\nContent-Type: image/png\r\nContent-Disposition: attachment\r\n\
             Content-Transfer-Encoding: base64\r\n\r\niVBORw0KGgo=\r\n\
             --outer--\r\n",
        )
        .unwrap();
        assert_eq!(doc.text, "Café talks went on.");
        assert_eq!(doc.author.as_deref(), Some("desk@example.net"));
        assert_eq!(doc.published, None);
        assert_eq!(doc.attachments, ["readout.pdf", "unnamed image/png"]);
    }

    #[test]
    fn an_html_only_body_is_read_as_a_page() {
        let doc = read(
            "From: a@example.org\r\nSubject: News\r\n\
             Content-Type: text/html; charset=windows-1252\r\n\
             Content-Transfer-Encoding: quoted-printable\r\n\r\n\
             <html><head><meta charset=3D\"windows-1252\"><style>p{}</style></head>\
             <body><h1>Talks</h1><p>Caf=E9 &amp; more.</p></body></html>",
        )
        .unwrap();
        assert_eq!(doc.text, "Talks\n\nCafé & more.");
        assert_eq!(doc.title, "News");
    }

    #[test]
    fn broken_mail_is_refused_by_name() {
        let err = read("just some words\nno headers at all\n").unwrap_err();
        assert!(
            err.to_string()
                .starts_with("mail.eml: this is not an e-mail"),
            "{err}"
        );
        let err = read(
            "Subject: only a file\r\nContent-Type: multipart/mixed; boundary=b\r\n\r\n\
             --b\r\nContent-Type: image/png; name=a.png\r\n\
             Content-Disposition: attachment; filename=a.png\r\n\r\nxxxx\r\n--b--\r\n",
        )
        .unwrap_err();
        assert_eq!(
            err.to_string(),
            "mail.eml: the e-mail has no text to annotate; its attachments (a.png) are not imported"
        );
        // A body cut off in a base64 part and a boundary that never comes.
        let doc = read(
            "Subject: cut\r\nContent-Type: multipart/mixed; boundary=never\r\n\r\n\
             --never\r\nContent-Type: text/plain\r\nContent-Transfer-Encoding: base64\r\n\r\nSGVsbG8gd29y",
        );
        match doc {
            Ok(doc) => assert!(!doc.text.is_empty()),
            Err(err) => assert!(err.to_string().starts_with("mail.eml: "), "{err}"),
        }
    }

    #[test]
    fn deeply_nested_mime_is_read_in_bounded_time() {
        let depth = 20_000;
        let mut mail = String::from("Subject: deep\r\n");
        for level in 0..depth {
            mail.push_str(&format!(
                "Content-Type: multipart/mixed; boundary=b{level}\r\n\r\n--b{level}\r\n"
            ));
        }
        mail.push_str("Content-Type: text/plain\r\n\r\nbottom\r\n");
        let started = std::time::Instant::now();
        match read(&mail) {
            Ok(doc) => assert!(doc.text.contains("bottom")),
            Err(err) => assert!(err.to_string().starts_with("mail.eml: "), "{err}"),
        }
        assert!(started.elapsed().as_secs() < 5);
    }
}
