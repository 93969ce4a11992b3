//! Percent-escapes (`%C3%98`) in URL paths and link targets, decoded strictly: each `%` takes
//! exactly two hex digits.

/// Why a URL path cannot be decoded.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Undecodable {
    /// A `%` not followed by two hex digits.
    BadEscape,
    /// Escapes that do not make UTF-8.
    NotUtf8,
}

/// `%XX` escapes decoded, each `%` taking exactly two hex digits.
pub fn decode(text: &str) -> Result<String, Undecodable> {
    let bytes = text.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] == b'%' {
            let digit = |at: usize| {
                bytes
                    .get(at)
                    .and_then(|&b| char::from(b).to_digit(16))
                    .ok_or(Undecodable::BadEscape)
            };
            let value = digit(i + 1)? * 16 + digit(i + 2)?;
            out.push(u8::try_from(value).map_err(|_| Undecodable::BadEscape)?);
            i += 3;
        } else {
            out.push(bytes[i]);
            i += 1;
        }
    }
    String::from_utf8(out).map_err(|_| Undecodable::NotUtf8)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_escape_takes_exactly_two_hex_digits() {
        assert_eq!(decode("/a%2Fb%c3%98"), Ok("/a/bØ".to_string()));
        for bad in ["/%+1", "/%-1", "/%+f", "/% 1", "/%1", "/%", "/%zz", "/%1g"] {
            assert_eq!(decode(bad), Err(Undecodable::BadEscape), "{bad}");
        }
        assert_eq!(decode("/%ff"), Err(Undecodable::NotUtf8));
    }
}
