//! Delivery to a folder (a USB stick, a shared drive): copied under a temporary name, synced, renamed
//! to the package's name, then read back and hashed. An identical copy already there counts as
//! delivered; a different file under the package's name is left alone and reported.
use std::io::{Read, Write};
use std::path::{Path, PathBuf};

use council_domain::text::Text;
use sha2::{Digest, Sha256};

use super::{Arrival, DeliveryError, ProgressFn, Shipment};

/// A folder to deliver to.
#[derive(Debug, Clone)]
pub struct FolderDrop {
    dir: PathBuf,
}

impl FolderDrop {
    /// Delivery into `dir`.
    pub fn new(dir: PathBuf) -> Self {
        Self { dir }
    }

    /// The folder.
    pub fn dir(&self) -> &Path {
        &self.dir
    }

    /// Copies the package into the folder (on a blocking thread: USB sticks are slow).
    pub async fn deliver(&self, shipment: &Shipment, progress: ProgressFn) -> Result<Arrival, DeliveryError> {
        let dir = self.dir.clone();
        let shipment = shipment.clone();
        tokio::task::spawn_blocking(move || copy_verified(&dir, &shipment, &*progress)).await.map_err(|e| {
            DeliveryError::transient(Text::new(
                format!("コピーが中断しました（{e}）。"),
                format!("The copy was interrupted ({e})."),
            ))
        })?
    }
}

/// SHA-256 of a file (hex), or `None` when it cannot be read.
pub(crate) fn file_sha256(path: &Path) -> std::io::Result<String> {
    let mut f = std::fs::File::open(path)?;
    let mut hasher = Sha256::new();
    let mut buf = vec![0u8; 256 * 1024];
    loop {
        let n = f.read(&mut buf)?;
        if n == 0 {
            break;
        }
        hasher.update(&buf[..n]);
    }
    Ok(hex::encode(hasher.finalize()))
}

fn io_failure(dir: &Path, e: &std::io::Error) -> DeliveryError {
    let missing = e.kind() == std::io::ErrorKind::NotFound;
    let text = if e.kind() == std::io::ErrorKind::StorageFull {
        Text::new(
            format!("「{}」に空きがありません。空きのある USB メモリーかフォルダーを選んでください。", dir.display()),
            format!("“{}” is full. Choose a USB stick or folder with free space.", dir.display()),
        )
    } else if missing {
        Text::new(
            format!("フォルダー「{}」が見つかりません。USB メモリーが差してあるか確かめてください。", dir.display()),
            format!("The folder “{}” was not found. Check that the USB stick is plugged in.", dir.display()),
        )
    } else {
        Text::new(
            format!("「{}」に書き込めませんでした（{e}）。書き込める場所か確かめてください。", dir.display()),
            format!("Could not write to “{}” ({e}). Check that the place can be written to.", dir.display()),
        )
    };
    // A stick that is not plugged in yet may be plugged in later: only that is worth trying again.
    if missing { DeliveryError::transient(text) } else { DeliveryError::permanent(text) }
}

/// The blocking copy: see the module's rules.
pub(crate) fn copy_verified(
    dir: &Path,
    shipment: &Shipment,
    progress: &(dyn Fn(u64) + Send + Sync),
) -> Result<Arrival, DeliveryError> {
    let target = dir.join(&shipment.name);
    let location = target.display().to_string();
    if !dir.is_dir() {
        return Err(io_failure(dir, &std::io::Error::from(std::io::ErrorKind::NotFound)));
    }
    if target.exists() {
        return match file_sha256(&target) {
            Ok(sha) if sha == shipment.sha256 => Ok(Arrival { location, already_there: true }),
            Ok(_) => Err(DeliveryError::permanent(Text::new(
                format!(
                    "「{location}」に同じ名前の別のファイルがあります。上書きはしません。別のフォルダーを選んでください。"
                ),
                format!(
                    "A different file named “{location}” is already there and will not be overwritten. Choose another folder."
                ),
            ))),
            Err(e) => Err(io_failure(dir, &e)),
        };
    }
    let partial = dir.join(format!(".{}.part", shipment.name));
    let result = (|| -> std::io::Result<()> {
        let mut src = std::fs::File::open(&shipment.file)?;
        let mut dst = std::fs::File::create(&partial)?;
        let mut buf = vec![0u8; 256 * 1024];
        let mut sent = 0u64;
        loop {
            let n = src.read(&mut buf)?;
            if n == 0 {
                break;
            }
            dst.write_all(&buf[..n])?;
            sent += n as u64;
            progress(sent);
        }
        dst.sync_all()?;
        Ok(())
    })();
    if let Err(e) = result {
        let _ = std::fs::remove_file(&partial);
        return Err(io_failure(dir, &e));
    }
    // Read back what the stick holds before calling it delivered: cheap sticks lie.
    match file_sha256(&partial) {
        Ok(sha) if sha == shipment.sha256 => {}
        Ok(_) => {
            let _ = std::fs::remove_file(&partial);
            return Err(DeliveryError::transient(Text::new(
                format!(
                    "「{}」に書いた内容を読み返すと一致しませんでした。USB メモリーが傷んでいるおそれがあります。",
                    dir.display()
                ),
                format!(
                    "What was written to “{}” did not read back the same. The USB stick may be failing.",
                    dir.display()
                ),
            )));
        }
        Err(e) => return Err(io_failure(dir, &e)),
    }
    std::fs::rename(&partial, &target).map_err(|e| io_failure(dir, &e))?;
    Ok(Arrival { location, already_there: false })
}
