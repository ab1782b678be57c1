//! Time-based one-time codes (TOTP, RFC 6238 over HOTP, RFC 4226): HMAC-SHA1, six digits,
//! 30-second steps, as every authenticator app computes them by default. Written out here
//! (thirty lines over the `hmac` and `sha1` crates) rather than taken from a crate that
//! would bring its own QR and base32 stacks; checked against the RFCs' test vectors below.

use hmac::{Hmac, KeyInit, Mac};
use sha1::Sha1;

/// Seconds per step.
pub const STEP_SECONDS: i64 = 30;
/// Steps either side of now a code is still taken for: a phone's clock a little off, or a
/// code typed as it changed.
pub const DRIFT_STEPS: i64 = 1;
/// Bytes of a new secret: 160 bits, as RFC 4226 recommends.
const SECRET_BYTES: usize = 20;

const BASE32: &[u8; 32] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";

/// A new random secret, in base32 (RFC 4648, no padding), as apps take it.
pub fn new_secret() -> String {
    let mut bytes = [0u8; SECRET_BYTES];
    getrandom::fill(&mut bytes).expect("the operating system's random source works");
    base32_encode(&bytes)
}

pub fn base32_encode(bytes: &[u8]) -> String {
    let mut out = String::new();
    let (mut buffer, mut bits) = (0u32, 0u32);
    for &b in bytes {
        buffer = (buffer << 8) | u32::from(b);
        bits += 8;
        while bits >= 5 {
            bits -= 5;
            out.push(BASE32[((buffer >> bits) & 31) as usize] as char);
        }
    }
    if bits > 0 {
        out.push(BASE32[((buffer << (5 - bits)) & 31) as usize] as char);
    }
    out
}

/// Decodes base32, ignoring case, spaces and padding; `None` for any other character.
pub fn base32_decode(text: &str) -> Option<Vec<u8>> {
    let mut out = Vec::new();
    let (mut buffer, mut bits) = (0u32, 0u32);
    for c in text.chars().filter(|c| !c.is_whitespace() && *c != '=') {
        let c = c.to_ascii_uppercase() as u8;
        let v = BASE32.iter().position(|&x| x == c)? as u32;
        buffer = (buffer << 5) | v;
        bits += 5;
        if bits >= 8 {
            bits -= 8;
            out.push((buffer >> bits) as u8);
        }
    }
    Some(out)
}

/// The HOTP value of `key` at `counter`, with `digits` digits.
pub fn hotp(key: &[u8], counter: u64, digits: u32) -> u32 {
    let mut mac = Hmac::<Sha1>::new_from_slice(key).expect("HMAC takes a key of any length");
    mac.update(&counter.to_be_bytes());
    let hash = mac.finalize().into_bytes();
    let offset = (hash[hash.len() - 1] & 0x0f) as usize;
    let value = u32::from_be_bytes([
        hash[offset] & 0x7f,
        hash[offset + 1],
        hash[offset + 2],
        hash[offset + 3],
    ]);
    value % 10u32.pow(digits)
}

/// The six-digit code of the base32 `secret` for step `step`, as the app shows it.
pub fn code(secret: &str, step: i64) -> Option<String> {
    let key = base32_decode(secret)?;
    Some(format!("{:06}", hotp(&key, step.max(0) as u64, 6)))
}

/// The step of Unix time `now`.
pub fn step_of(now: i64) -> i64 {
    now.div_euclid(STEP_SECONDS)
}

/// The step within [`DRIFT_STEPS`] of `now` whose code `typed` is (spaces ignored), if
/// any. The caller must still take the step ([`baylink_store::TwoFactorStore::take_totp_step`])
/// so that it is used once.
pub fn matching_step(secret: &str, typed: &str, now: i64) -> Option<i64> {
    let typed: String = typed.chars().filter(|c| !c.is_whitespace()).collect();
    if typed.len() != 6 || !typed.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    let now = step_of(now);
    (now - DRIFT_STEPS..=now + DRIFT_STEPS).find(|&step| {
        code(secret, step).is_some_and(|c| constant_eq(c.as_bytes(), typed.as_bytes()))
    })
}

fn constant_eq(a: &[u8], b: &[u8]) -> bool {
    a.len() == b.len() && a.iter().zip(b).fold(0u8, |acc, (x, y)| acc | (x ^ y)) == 0
}

/// The `otpauth://` address an app reads from the QR code: the account's address as its
/// label under the issuer's name.
pub fn otpauth_uri(issuer: &str, account: &str, secret: &str) -> String {
    let enc = |s: &str| {
        serde_urlencoded::to_string([("", s)])
            .map(|x| x.trim_start_matches('=').replace('+', "%20"))
            .unwrap_or_default()
    };
    format!(
        "otpauth://totp/{}:{}?secret={secret}&issuer={}&algorithm=SHA1&digits=6&period={STEP_SECONDS}",
        enc(issuer),
        enc(account),
        enc(issuer)
    )
}

/// How many recovery codes two-step sign-in makes at a time.
pub const RECOVERY_CODES: usize = 10;
/// Characters of a recovery code: base32, 60 bits, which no throttled guessing reaches.
const RECOVERY_CHARS: usize = 12;

/// Ten new recovery codes, each written `abcd-efgh-ijkl` in lower-case base32 (no 0, 1, 8
/// or 9 to mistake for letters). Shown once; only [`recovery_hash`] is kept.
pub fn new_recovery_codes() -> Vec<String> {
    (0..RECOVERY_CODES)
        .map(|_| {
            let mut bytes = [0u8; 8];
            getrandom::fill(&mut bytes).expect("the operating system's random source works");
            let text = base32_encode(&bytes).to_ascii_lowercase();
            let text = &text[..RECOVERY_CHARS];
            format!("{}-{}-{}", &text[..4], &text[4..8], &text[8..])
        })
        .collect()
}

/// What a typed recovery code is, as kept: lower case, without dashes or spaces; `None`
/// when it cannot be one (a six-digit code from the app, say).
pub fn recovery_code(typed: &str) -> Option<String> {
    let code: String = typed
        .chars()
        .filter(|c| !c.is_whitespace() && *c != '-')
        .map(|c| c.to_ascii_lowercase())
        .collect();
    let ok = code.len() == RECOVERY_CHARS
        && code
            .bytes()
            .all(|b| BASE32.contains(&b.to_ascii_uppercase()));
    ok.then_some(code)
}

/// The hash a recovery code is kept under, typed in any case, with or without dashes.
pub fn recovery_hash(typed: &str) -> Option<String> {
    recovery_code(typed).map(|code| crate::auth::token_hash(&format!("recovery:{code}")))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn recovery_codes_are_typed_in_any_case_with_or_without_dashes() {
        let codes = new_recovery_codes();
        assert_eq!(codes.len(), RECOVERY_CODES);
        let mut distinct = codes.clone();
        distinct.sort();
        distinct.dedup();
        assert_eq!(distinct.len(), RECOVERY_CODES);
        for code in &codes {
            assert_eq!(code.len(), 14);
            assert_eq!(code.matches('-').count(), 2);
            let hash = recovery_hash(code).unwrap();
            let plain = code.replace('-', "").to_uppercase();
            assert_eq!(recovery_hash(&plain), Some(hash.clone()));
            assert_eq!(
                recovery_hash(&format!(" {} ", code.replace('-', " "))),
                Some(hash)
            );
        }
        assert_ne!(recovery_hash(&codes[0]), recovery_hash(&codes[1]));
        assert_eq!(recovery_code("123456"), None, "an app's code");
        assert_eq!(recovery_code("abcd-efgh-ijk"), None, "too short");
        assert_eq!(recovery_code("abcd-efgh-ijk0"), None, "not base32");
    }

    /// RFC 4226, appendix D: the key "12345678901234567890", counters 0 to 9.
    #[test]
    fn hotp_matches_rfc_4226() {
        let key = b"12345678901234567890";
        let expected = [
            755224, 287082, 359152, 969429, 338314, 254676, 287922, 162583, 399871, 520489,
        ];
        for (counter, want) in expected.into_iter().enumerate() {
            assert_eq!(hotp(key, counter as u64, 6), want, "counter {counter}");
        }
    }

    /// RFC 6238, appendix B, SHA-1 column (eight digits).
    #[test]
    fn totp_matches_rfc_6238() {
        let key = b"12345678901234567890";
        for (time, want) in [
            (59, 94287082),
            (1111111109, 7081804),
            (1111111111, 14050471),
            (1234567890, 89005924),
            (2000000000, 69279037),
            (20000000000, 65353130),
        ] {
            assert_eq!(hotp(key, step_of(time) as u64, 8), want, "time {time}");
        }
    }

    #[test]
    fn base32_round_trips_and_reads_what_apps_show() {
        assert_eq!(
            base32_encode(b"12345678901234567890"),
            "GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ"
        );
        assert_eq!(
            base32_decode("gezd gnbv gy3t qojq gezd gnbv gy3t qojq").unwrap(),
            b"12345678901234567890"
        );
        assert_eq!(base32_encode(b"f"), "MY");
        assert_eq!(base32_decode("MY======").unwrap(), b"f");
        assert!(base32_decode("MY1").is_none());
        let secret = new_secret();
        assert_eq!(secret.len(), 32);
        assert_eq!(base32_decode(&secret).unwrap().len(), SECRET_BYTES);
    }

    #[test]
    fn a_code_is_taken_within_a_step_of_now() {
        let secret = base32_encode(b"12345678901234567890");
        let now = 1_111_111_111;
        let step = step_of(now);
        for s in [step - 1, step, step + 1] {
            let c = code(&secret, s).unwrap();
            assert_eq!(matching_step(&secret, &c, now), Some(s));
        }
        let far = code(&secret, step + 2).unwrap();
        assert_eq!(matching_step(&secret, &far, now), None);
        let c = code(&secret, step).unwrap();
        assert_eq!(
            matching_step(&secret, &format!("{} {}", &c[..3], &c[3..]), now),
            Some(step)
        );
        assert_eq!(matching_step(&secret, "12345", now), None);
        assert_eq!(matching_step(&secret, "abcdef", now), None);
    }

    #[test]
    fn the_app_address_names_issuer_and_account() {
        assert_eq!(
            otpauth_uri("Baylink", "a.b@hkitf.example", "ABC"),
            "otpauth://totp/Baylink:a.b%40hkitf.example?secret=ABC&issuer=Baylink&algorithm=SHA1&digits=6&period=30"
        );
    }
}
