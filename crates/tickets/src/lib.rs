//! Tickets that a door phone can check without a network.
//!
//! A ticket is nine bytes — a format version, the event id and the registration id — and
//! an Ed25519 signature over them by the event's own key: 73 bytes, written as 98
//! characters of URL-safe Base64 and drawn as a QR code. Anyone holding only the event's
//! public key (the check-in page carries it) can tell a real ticket from a forged or
//! altered one, and a ticket for another event from one for this; what it cannot tell
//! offline is whether the registration was cancelled since, which the check-in page
//! settles when it syncs.

use base64::Engine;
use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use ed25519_dalek::{Signature, Signer, SigningKey, Verifier, VerifyingKey};

/// The payload format this code writes.
const VERSION: u8 = 1;
const PAYLOAD: usize = 9;
const TICKET: usize = PAYLOAD + 64;

/// What a valid ticket says.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Ticket {
    pub event_id: i64,
    pub registration_id: i64,
}

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum TicketError {
    /// Not a ticket at all: wrong length, not Base64, unknown version.
    #[error("malformed ticket")]
    Malformed,
    /// The signature does not match: forged, altered, or signed by another event's key.
    #[error("the ticket's signature is not valid")]
    BadSignature,
    /// Genuine, but for another event.
    #[error("the ticket is for another event")]
    OtherEvent,
    /// The stored key is not a key.
    #[error("invalid key")]
    BadKey,
    /// Ids too large for the format.
    #[error("id out of range")]
    OutOfRange,
}

/// A new secret signing key, as hex, for a new event.
pub fn generate_key() -> String {
    let mut bytes = [0u8; 32];
    getrandom::fill(&mut bytes).expect("the operating system's random source works");
    hex(&bytes)
}

fn hex(bytes: &[u8]) -> String {
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}

fn signing_key(secret_hex: &str) -> Result<SigningKey, TicketError> {
    if secret_hex.len() != 64 {
        return Err(TicketError::BadKey);
    }
    let mut bytes = [0u8; 32];
    for (i, b) in bytes.iter_mut().enumerate() {
        *b = u8::from_str_radix(&secret_hex[2 * i..2 * i + 2], 16)
            .map_err(|_| TicketError::BadKey)?;
    }
    Ok(SigningKey::from_bytes(&bytes))
}

/// The public key for a secret key, as URL-safe Base64: what the check-in page carries.
pub fn public_key(secret_hex: &str) -> Result<String, TicketError> {
    Ok(URL_SAFE_NO_PAD.encode(signing_key(secret_hex)?.verifying_key().to_bytes()))
}

fn payload(event_id: i64, registration_id: i64) -> Result<[u8; PAYLOAD], TicketError> {
    let e = u32::try_from(event_id).map_err(|_| TicketError::OutOfRange)?;
    let r = u32::try_from(registration_id).map_err(|_| TicketError::OutOfRange)?;
    let mut p = [0u8; PAYLOAD];
    p[0] = VERSION;
    p[1..5].copy_from_slice(&e.to_be_bytes());
    p[5..9].copy_from_slice(&r.to_be_bytes());
    Ok(p)
}

/// Issues the ticket of a registration.
pub fn issue(secret_hex: &str, event_id: i64, registration_id: i64) -> Result<String, TicketError> {
    let key = signing_key(secret_hex)?;
    let p = payload(event_id, registration_id)?;
    let sig = key.sign(&p);
    let mut t = [0u8; TICKET];
    t[..PAYLOAD].copy_from_slice(&p);
    t[PAYLOAD..].copy_from_slice(&sig.to_bytes());
    Ok(URL_SAFE_NO_PAD.encode(t))
}

/// Reads a ticket's ids without checking its signature (for messages only).
pub fn peek(code: &str) -> Result<Ticket, TicketError> {
    let bytes = URL_SAFE_NO_PAD
        .decode(code.trim())
        .map_err(|_| TicketError::Malformed)?;
    if bytes.len() != TICKET || bytes[0] != VERSION {
        return Err(TicketError::Malformed);
    }
    let e = u32::from_be_bytes([bytes[1], bytes[2], bytes[3], bytes[4]]);
    let r = u32::from_be_bytes([bytes[5], bytes[6], bytes[7], bytes[8]]);
    Ok(Ticket {
        event_id: e.into(),
        registration_id: r.into(),
    })
}

/// An event's public key, parsed once for many checks (parsing decompresses a curve
/// point, which costs about as much as a check).
#[derive(Debug, Clone)]
pub struct DoorKey(VerifyingKey);

impl DoorKey {
    pub fn parse(public_key_b64: &str) -> Result<DoorKey, TicketError> {
        let key_bytes: [u8; 32] = URL_SAFE_NO_PAD
            .decode(public_key_b64)
            .ok()
            .and_then(|b| b.try_into().ok())
            .ok_or(TicketError::BadKey)?;
        VerifyingKey::from_bytes(&key_bytes)
            .map(DoorKey)
            .map_err(|_| TicketError::BadKey)
    }

    /// Checks a ticket against this key and the event's id.
    pub fn verify(&self, event_id: i64, code: &str) -> Result<Ticket, TicketError> {
        check(&self.0, event_id, code)
    }
}

/// Checks a ticket against an event's public key and id.
pub fn verify(public_key_b64: &str, event_id: i64, code: &str) -> Result<Ticket, TicketError> {
    DoorKey::parse(public_key_b64)?.verify(event_id, code)
}

fn check(key: &VerifyingKey, event_id: i64, code: &str) -> Result<Ticket, TicketError> {
    let bytes = URL_SAFE_NO_PAD
        .decode(code.trim())
        .map_err(|_| TicketError::Malformed)?;
    if bytes.len() != TICKET || bytes[0] != VERSION {
        return Err(TicketError::Malformed);
    }
    let sig = Signature::from_slice(&bytes[PAYLOAD..]).map_err(|_| TicketError::Malformed)?;
    key.verify(&bytes[..PAYLOAD], &sig)
        .map_err(|_| TicketError::BadSignature)?;
    let ticket = peek(code)?;
    if ticket.event_id != event_id {
        return Err(TicketError::OtherEvent);
    }
    Ok(ticket)
}

/// The ticket as an SVG QR code (medium error correction: a phone screen with a crack in
/// it still scans).
pub fn qr_svg(code: &str) -> String {
    match qrcode::QrCode::with_error_correction_level(code.as_bytes(), qrcode::EcLevel::M) {
        Ok(qr) => qr
            .render::<qrcode::render::svg::Color>()
            .min_dimensions(240, 240)
            .quiet_zone(true)
            .build(),
        Err(_) => String::new(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn a_ticket_is_short_enough_for_a_small_qr_code() {
        let key = generate_key();
        let t = issue(&key, 1, 42).unwrap();
        assert_eq!(t.len(), 98);
        assert!(qr_svg(&t).starts_with("<?xml"));
        assert_eq!(
            verify(&public_key(&key).unwrap(), 1, &t),
            Ok(Ticket {
                event_id: 1,
                registration_id: 42
            })
        );
    }

    #[test]
    fn other_events_and_other_keys_are_refused() {
        let (a, b) = (generate_key(), generate_key());
        let t = issue(&a, 7, 9).unwrap();
        assert_eq!(
            verify(&public_key(&a).unwrap(), 8, &t),
            Err(TicketError::OtherEvent)
        );
        assert_eq!(
            verify(&public_key(&b).unwrap(), 7, &t),
            Err(TicketError::BadSignature)
        );
        assert_eq!(
            verify(&public_key(&a).unwrap(), 7, "not a ticket"),
            Err(TicketError::Malformed)
        );
        assert_eq!(issue(&a, -1, 1), Err(TicketError::OutOfRange));
        assert_eq!(issue("zz", 1, 1), Err(TicketError::BadKey));
    }

    proptest! {
        #[test]
        fn any_issued_ticket_verifies(event in 0i64..=u32::MAX as i64, reg in 0i64..=u32::MAX as i64) {
            let key = generate_key();
            let t = issue(&key, event, reg).unwrap();
            prop_assert_eq!(verify(&public_key(&key).unwrap(), event, &t), Ok(Ticket { event_id: event, registration_id: reg }));
        }

        #[test]
        fn any_altered_byte_fails(event in 0i64..100_000, reg in 0i64..1_000_000, at in 0usize..TICKET, flip in 1u8..=255) {
            let key = generate_key();
            let t = issue(&key, event, reg).unwrap();
            let mut bytes = URL_SAFE_NO_PAD.decode(&t).unwrap();
            bytes[at] ^= flip;
            let altered = URL_SAFE_NO_PAD.encode(&bytes);
            prop_assert!(verify(&public_key(&key).unwrap(), event, &altered).is_err());
        }
    }
}
