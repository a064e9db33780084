//! Byte-exact ports of the C library routines Suricata's address and port
//! parsers rely on: glibc `inet_pton` (AF_INET, AF_INET6), `isspace`, and
//! Suricata's strict `strtoll`/`strtoull` wrappers (`ByteExtractString*`,
//! `StringParseI32RangeCheck`, `StringParseUint16`).

/// C `isspace` in the "C" locale.
pub(crate) fn is_c_space(b: u8) -> bool {
    matches!(b, b' ' | b'\t' | b'\n' | 0x0b | 0x0c | b'\r')
}

/// Skips leading C whitespace.
pub(crate) fn skip_space(s: &[u8]) -> &[u8] {
    let n = s.iter().take_while(|&&b| is_c_space(b)).count();
    &s[n..]
}

/// glibc `inet_pton(AF_INET)`: exactly four decimal octets, each 0–255,
/// no leading zeros (`01` is rejected, `0` is fine), nothing else.
pub(crate) fn pton4(src: &[u8]) -> Option<u32> {
    let mut saw_digit = false;
    let mut octets = 0;
    let mut tmp = [0u8; 4];
    let mut tp = 0usize;
    for &ch in src {
        if ch.is_ascii_digit() {
            let new = tmp[tp] as u32 * 10 + (ch - b'0') as u32;
            if saw_digit && tmp[tp] == 0 {
                return None;
            }
            if new > 255 {
                return None;
            }
            tmp[tp] = new as u8;
            if !saw_digit {
                octets += 1;
                if octets > 4 {
                    return None;
                }
                saw_digit = true;
            }
        } else if ch == b'.' && saw_digit {
            if octets == 4 {
                return None;
            }
            tp += 1;
            tmp[tp] = 0;
            saw_digit = false;
        } else {
            return None;
        }
    }
    if octets < 4 {
        return None;
    }
    Some(u32::from_be_bytes(tmp))
}

fn hex_val(ch: u8) -> Option<u32> {
    match ch {
        b'0'..=b'9' => Some((ch - b'0') as u32),
        b'a'..=b'f' => Some((ch - b'a' + 10) as u32),
        b'A'..=b'F' => Some((ch - b'A' + 10) as u32),
        _ => None,
    }
}

/// glibc (2.26+) `inet_pton(AF_INET6)`: up to 4 hex digits per group, one
/// `::`, an optional trailing dotted IPv4 part.
pub(crate) fn pton6(src: &[u8]) -> Option<u128> {
    const ENDP: usize = 16;
    let mut tmp = [0u8; 16];
    let mut tp = 0usize;
    let mut colonp: Option<usize> = None;
    let n = src.len();
    let mut i = 0usize;
    if n == 0 {
        return None;
    }
    if src[0] == b':' {
        i += 1;
        if i == n || src[i] != b':' {
            return None;
        }
    }
    let mut curtok = i;
    let mut xdigits_seen = 0;
    let mut val: u32 = 0;
    while i < n {
        let ch = src[i];
        i += 1;
        if let Some(d) = hex_val(ch) {
            if xdigits_seen == 4 {
                return None;
            }
            val = (val << 4) | d;
            if val > 0xffff {
                return None;
            }
            xdigits_seen += 1;
            continue;
        }
        if ch == b':' {
            curtok = i;
            if xdigits_seen == 0 {
                if colonp.is_some() {
                    return None;
                }
                colonp = Some(tp);
                continue;
            } else if i == n {
                return None;
            }
            if tp + 2 > ENDP {
                return None;
            }
            tmp[tp] = (val >> 8) as u8;
            tmp[tp + 1] = val as u8;
            tp += 2;
            xdigits_seen = 0;
            val = 0;
            continue;
        }
        if ch == b'.' && tp + 4 <= ENDP {
            if let Some(v4) = pton4(&src[curtok..]) {
                tmp[tp..tp + 4].copy_from_slice(&v4.to_be_bytes());
                tp += 4;
                xdigits_seen = 0;
                break;
            }
        }
        return None;
    }
    if xdigits_seen > 0 {
        if tp + 2 > ENDP {
            return None;
        }
        tmp[tp] = (val >> 8) as u8;
        tmp[tp + 1] = val as u8;
        tp += 2;
    }
    if let Some(cp) = colonp {
        if tp == ENDP {
            return None;
        }
        let nmove = tp - cp;
        for j in (0..nmove).rev() {
            tmp[ENDP - nmove + j] = tmp[cp + j];
        }
        for b in tmp.iter_mut().take(ENDP - nmove).skip(cp) {
            *b = 0;
        }
        tp = ENDP;
    }
    if tp != ENDP {
        return None;
    }
    Some(u128::from_be_bytes(tmp))
}

/// Digits of a C `strtoll`/`strtoull` number in strict mode: leading
/// whitespace, an optional sign, at least one decimal digit, nothing after.
/// Returns (negative, magnitude) or `None` (no digits, trailing bytes, or a
/// magnitude beyond `limit`, which is `ERANGE`).
fn strto_strict(s: &[u8], limit: u128) -> Option<(bool, u128)> {
    let mut i = 0;
    while i < s.len() && is_c_space(s[i]) {
        i += 1;
    }
    let mut neg = false;
    if i < s.len() && (s[i] == b'+' || s[i] == b'-') {
        neg = s[i] == b'-';
        i += 1;
    }
    let start = i;
    let mut v: u128 = 0;
    let mut overflow = false;
    while i < s.len() && s[i].is_ascii_digit() {
        if !overflow {
            v = v * 10 + (s[i] - b'0') as u128;
            if v > limit {
                overflow = true;
            }
        }
        i += 1;
    }
    if i == start || overflow || i != s.len() {
        return None;
    }
    Some((neg, v))
}

/// Suricata's `StringParseI32RangeCheck(res, 10, 0, s, min, max)`.
pub(crate) fn parse_i32_range(s: &[u8], min: i64, max: i64) -> Option<i64> {
    // strtoll: ERANGE beyond i64 (magnitude i64::MAX + 1 allowed when negative)
    let (neg, v) = strto_strict(s, i64::MAX as u128 + 1)?;
    let v: i64 = if neg {
        if v == i64::MAX as u128 + 1 {
            i64::MIN
        } else {
            -(v as i64)
        }
    } else {
        if v > i64::MAX as u128 {
            return None;
        }
        v as i64
    };
    if v < min || v > max {
        return None;
    }
    Some(v)
}

/// Suricata's `StringParseUint16(res, 10, 0, s)`: `strtoull` semantics, so
/// `+80` and `-0` are accepted and `-1` wraps to a huge value (rejected).
pub(crate) fn parse_u16(s: &[u8]) -> Option<u16> {
    let (neg, v) = strto_strict(s, u64::MAX as u128)?;
    let v = v as u64;
    let v = if neg { v.wrapping_neg() } else { v };
    u16::try_from(v).ok()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn pton4_like_glibc() {
        assert_eq!(pton4(b"1.2.3.4"), Some(0x01020304));
        assert_eq!(pton4(b"0.0.0.0"), Some(0));
        assert_eq!(pton4(b"255.255.255.255"), Some(u32::MAX));
        for bad in [
            "300.1.1.1",
            "1.2.3",
            "1.2.3.4.5",
            "01.2.3.4",
            "1.2.3.4 ",
            " 1.2.3.4",
            "1..2.3",
            "",
            "1.2.3.",
            "a.b.c.d",
            "1.2.3.04",
        ] {
            assert_eq!(pton4(bad.as_bytes()), None, "{bad}");
        }
    }

    #[test]
    fn pton6_like_glibc() {
        let p = |s: &str| pton6(s.as_bytes());
        assert_eq!(p("::"), Some(0));
        assert_eq!(p("::1"), Some(1));
        assert_eq!(p("2001:db8::"), Some(0x2001_0db8u128 << 96));
        assert_eq!(p("::ffff:1.2.3.4"), Some(0xffff_0102_0304));
        assert_eq!(
            p("1:2:3:4:5:6:7:8"),
            Some(0x0001_0002_0003_0004_0005_0006_0007_0008)
        );
        assert!(p("1:2:3:4:5:6:1.2.3.4").is_some());
        for bad in [
            "",
            ":",
            ":1",
            "1:",
            "1:2:3:4:5:6:7:8:9",
            "1::2::3",
            "12345::",
            "1:2:3:4:5:6:7::8",
            "::1.2.3",
            "g::",
            "1:2:3:4:5:6:7:1.2.3.4",
            ":::",
        ] {
            assert_eq!(p(bad), None, "{bad}");
        }
        assert_eq!(
            p("1:2:3:4:5:6:7::"),
            Some(0x0001_0002_0003_0004_0005_0006_0007_0000)
        );
    }

    #[test]
    fn strict_numbers() {
        assert_eq!(parse_u16(b"80"), Some(80));
        assert_eq!(parse_u16(b"+80"), Some(80));
        assert_eq!(parse_u16(b"-0"), Some(0));
        assert_eq!(parse_u16(b"-1"), None);
        assert_eq!(parse_u16(b"65535"), Some(65535));
        assert_eq!(parse_u16(b"65536"), None);
        assert_eq!(parse_u16(b"80 "), None);
        assert_eq!(parse_u16(b""), None);
        assert_eq!(
            parse_u16(b"77777777777777777777777777777777777777777777"),
            None
        );
        assert_eq!(parse_i32_range(b"64", 0, 128), Some(64));
        assert_eq!(parse_i32_range(b" +64", 0, 128), Some(64));
        assert_eq!(parse_i32_range(b"129", 0, 128), None);
        assert_eq!(parse_i32_range(b"-1", 0, 128), None);
        assert_eq!(parse_i32_range(b"", 0, 128), None);
    }
}
