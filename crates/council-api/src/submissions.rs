//! The commands of the 提出 page and of Settings' drop-box that need more than one call: the outbox is
//! pointed at the saved destination whenever it may have changed.

use council_domain::text::Text;
use council_store::data_dir::DataDir;
use council_submit::Outbox;
use council_submit::outbox::SendReport;
use council_submit::secrets::RunSecrets;
use council_submit::transport::{DestinationConfig, DestinationStatus, WebDavOptions};

use crate::cx::Cx;
use crate::error::ErrorPayload;

/// Points the outbox at the saved destination (none, or one whose password is missing: packages wait,
/// and Settings says why).
pub fn apply_destination(dir: &DataDir, outbox: &Outbox) {
    let destination =
        DestinationConfig::load(dir).ok().flatten().and_then(|c| c.open_for_delivery(WebDavOptions::default()).ok());
    outbox.set_destination(destination);
}

/// Tries every waiting or failed package once, now.
pub(crate) fn send_now(cx: &Cx) -> Result<Vec<SendReport>, ErrorPayload> {
    let outbox = cx.outbox()?.clone();
    apply_destination(cx.dir()?, &outbox);
    Ok(cx.block_on(outbox.send_now())??)
}

/// Where packages are delivered.
pub(crate) fn destination(cx: &Cx) -> Result<DestinationStatus, ErrorPayload> {
    Ok(DestinationConfig::status(cx.dir()?, &RunSecrets::default())?)
}

/// Saves the city's WebDAV folder (the password into the keyring, or for this run where the PC has
/// none) and delivers there from now on.
pub(crate) fn set_destination(
    cx: &Cx,
    url: &str,
    user: &str,
    password: &str,
) -> Result<DestinationStatus, ErrorPayload> {
    let dir = cx.dir()?;
    let config = DestinationConfig::WebDav { url: url.trim().to_owned(), user: user.trim().to_owned() };
    let saved = config.save_with_password(dir, Some(password), &RunSecrets::default());
    if let Ok(outbox) = cx.outbox() {
        apply_destination(dir, outbox);
    }
    saved?;
    destination(cx)
}

/// Checks that the saved destination answers; the result in words.
pub(crate) fn test_destination(cx: &Cx) -> Result<Text, ErrorPayload> {
    let config = DestinationConfig::load(cx.dir()?)?.ok_or(council_submit::Error::NoDestination)?;
    let destination = config.open_for_delivery(WebDavOptions::default())?;
    cx.block_on(destination.probe())?.map_err(|e| ErrorPayload::from(council_submit::Error::Delivery(e)))
}
