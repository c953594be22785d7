//! `--fpga-port` and `--fpga-baud`, shared by the subcommands that can run
//! the `fpga` backend: with a port named (or `TERN_FPGA_PORT` set), the
//! backend's `gemm` runs on the board on that port, and `sparse-gemv` and
//! `teal-gemv` too where the board's design has the sparse unit; the other
//! ops stay in simulation.

use host::Error;
use host::backends::fpga;

/// The board link flags.
#[derive(Debug, Clone, clap::Args)]
pub struct FpgaArgs {
    /// Serial port of an FPGA board running a tern board design (default:
    /// TERN_FPGA_PORT): the fpga backend's gemm runs on the board (and the
    /// sparse GEMVs, on a design with the sparse unit), the other ops in
    /// simulation.
    #[arg(long, value_name = "PATH")]
    pub fpga_port: Option<String>,
    /// Baud rate of the board's port [default: TERN_FPGA_BAUD, else 3000000].
    #[arg(long, value_name = "BAUD")]
    pub fpga_baud: Option<u32>,
}

impl FpgaArgs {
    /// The port named by `--fpga-port` or `TERN_FPGA_PORT`, and which of
    /// the two named it.
    fn port(&self) -> Option<(String, &'static str)> {
        if let Some(p) = &self.fpga_port {
            return Some((p.clone(), "--fpga-port"));
        }
        std::env::var(fpga::PORT_ENV)
            .ok()
            .filter(|p| !p.is_empty())
            .map(|p| (p, fpga::PORT_ENV))
    }

    /// Connects to the board when a port is named and `fpga_chosen` (the
    /// `fpga` backend will run), and attaches it for every `fpga` backend
    /// opened from then on. A port that cannot be opened, where no tern
    /// design answers, or whose design speaks another protocol is an input
    /// error (exit 2); `--fpga-port` without the fpga backend is a usage
    /// error. Returns the port attached.
    pub fn attach(&self, fpga_chosen: bool) -> anyhow::Result<Option<String>> {
        let Some((port, from)) = self.port() else {
            if self.fpga_baud.is_some() {
                return Err(
                    Error::input("--fpga-baud", "needs --fpga-port or TERN_FPGA_PORT").into(),
                );
            }
            return Ok(None);
        };
        if !fpga_chosen {
            if from == "--fpga-port" {
                return Err(Error::input(
                    "--fpga-port",
                    "the fpga backend is not chosen (--backend fpga, or fpga in --place)",
                )
                .into());
            }
            return Ok(None);
        }
        let baud = match self.fpga_baud {
            Some(0) => return Err(Error::input("--fpga-baud", "must be at least 1").into()),
            Some(b) => b,
            None => fpga::baud_from_env()?,
        };
        let link = fpga::connect_serial(&port, baud)?;
        fpga::attach_board(Some(link));
        Ok(Some(port))
    }
}
