//! The IDs of records that one aggregate's rows point at in another's: a shared leaf, so that the
//! aggregate holding the reference need not know the one it points at (an event names the grant that
//! pays for it without depending on the grants module, which owns that link; an officer's term and a
//! dues payment name a person and a household without depending on the roster).

pub use council_base::ids::*;

use crate::id_type;

id_type!(
    /// A block (班・組).
    BlockId
);
id_type!(
    /// A household (世帯).
    HouseholdId
);
id_type!(
    /// A person.
    PersonId
);
id_type!(
    /// A grant application (and the project it pays for). `event.grant_id` holds these.
    GrantApplicationId
);
