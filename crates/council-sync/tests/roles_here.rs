//! A PC's own role is enforced before its write commits: a read-only officer's PC (with the rule
//! installed, as the app and the CLI install it) cannot change the roster, and nothing is recorded
//! to send.

mod common;

use common::*;
use council_sync::{Role, share};

#[test]
fn a_write_beyond_this_pcs_role_is_refused_here_and_nothing_waits_to_go_out() {
    council_sync::roles::install();
    let (shared, a, _b, _c) = three();
    let reader = join(&a, &shared, "閲覧 花子", Role::Reader, 3);
    let id = household_ids(&reader)[0].clone();
    let before = value(&reader, "SELECT address FROM household WHERE id = ?1", &id);
    let refused = reader.session.write(|w| {
        w.execute("UPDATE household SET address = 'x' WHERE id = ?1", [&id])?;
        Ok::<_, council_domain::error::Error>(())
    });
    let err = refused.expect_err("a reader cannot change the roster");
    assert!(err.text().ja.contains("閲覧のみ"), "{}", err.text().ja);
    assert_eq!(value(&reader, "SELECT address FROM household WHERE id = ?1", &id), before);
    assert_eq!(share::status(&reader.session).expect("status").unsent, 0);
    // The chair's PC may.
    set(&a, "UPDATE household SET address = ?2 WHERE id = ?1", &id, "会長が直した住所");
    assert_eq!(share::status(&a.session).expect("status").unsent, 1);
}
