//! Byte transports to a board: the [`Transport`] trait the driver is written
//! against, and [`SerialTransport`], a serial port (the boards' FTDI UARTs).

use std::io;
use std::time::Duration;

/// A byte stream to a board. The driver frames, checks and retries; a
/// transport only moves bytes.
pub trait Transport {
    /// Sends every byte of `bytes`.
    fn write(&mut self, bytes: &[u8]) -> io::Result<()>;

    /// Reads what has arrived into `buf`, waiting at most `timeout` for the
    /// first byte. Returns how many bytes were read (at least 1, possibly
    /// fewer than `buf.len()`); nothing within `timeout` is an error of kind
    /// [`io::ErrorKind::TimedOut`].
    fn read(&mut self, buf: &mut [u8], timeout: Duration) -> io::Result<usize>;

    /// Time one byte takes on the line (10 bit times on a UART), so that the
    /// driver can stretch its timeout for long frames. Zero where the
    /// transport has no line rate.
    fn byte_time(&self) -> Duration {
        Duration::ZERO
    }

    /// What the transport is connected to (a port path), for messages.
    fn name(&self) -> String;
}

impl<T: Transport + ?Sized> Transport for Box<T> {
    fn write(&mut self, bytes: &[u8]) -> io::Result<()> {
        (**self).write(bytes)
    }
    fn read(&mut self, buf: &mut [u8], timeout: Duration) -> io::Result<usize> {
        (**self).read(buf, timeout)
    }
    fn byte_time(&self) -> Duration {
        (**self).byte_time()
    }
    fn name(&self) -> String {
        (**self).name()
    }
}

/// Default line rate of the boards' UARTs.
pub const DEFAULT_BAUD: u32 = 3_000_000;

/// A serial port, 8 data bits, no parity, one stop bit, no flow control.
pub struct SerialTransport {
    port: Box<dyn serialport::SerialPort>,
    path: String,
    baud: u32,
}

impl std::fmt::Debug for SerialTransport {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("SerialTransport")
            .field("path", &self.path)
            .field("baud", &self.baud)
            .finish()
    }
}

impl SerialTransport {
    /// Opens `path` at `baud`, 8N1, and drops whatever was waiting in its
    /// buffers. The error is the OS's (a missing device, no permission).
    pub fn open(path: &str, baud: u32) -> io::Result<Self> {
        if baud == 0 {
            return Err(io::Error::new(
                io::ErrorKind::InvalidInput,
                "baud rate must be at least 1",
            ));
        }
        let port = serialport::new(path, baud)
            .data_bits(serialport::DataBits::Eight)
            .parity(serialport::Parity::None)
            .stop_bits(serialport::StopBits::One)
            .flow_control(serialport::FlowControl::None)
            .timeout(Duration::from_millis(100))
            .open()
            .map_err(io::Error::from)?;
        port.clear(serialport::ClearBuffer::All)
            .map_err(io::Error::from)?;
        Ok(SerialTransport {
            port,
            path: path.to_string(),
            baud,
        })
    }
}

impl Transport for SerialTransport {
    fn write(&mut self, bytes: &[u8]) -> io::Result<()> {
        io::Write::write_all(&mut self.port, bytes)?;
        io::Write::flush(&mut self.port)
    }

    fn read(&mut self, buf: &mut [u8], timeout: Duration) -> io::Result<usize> {
        self.port.set_timeout(timeout).map_err(io::Error::from)?;
        match io::Read::read(&mut self.port, buf) {
            Ok(0) => Err(io::Error::new(io::ErrorKind::TimedOut, "no data")),
            r => r,
        }
    }

    fn byte_time(&self) -> Duration {
        Duration::from_nanos(10_000_000_000 / u64::from(self.baud.max(1)))
    }

    fn name(&self) -> String {
        self.path.clone()
    }
}

/// The port name that selects [`SimTransport`] (`sim`, or `sim:LANES`).
pub const SIM_PORT: &str = "sim";

/// The board system (`hdl::system`) in rust-hdl's cycle-by-cycle
/// simulation, as a byte transport: written bytes go bit by bit into its
/// UART receiver, and what its UART transmitter sends is read back the same
/// way. Time is simulated: a read waits for at most the clocks its timeout
/// spans at the simulated board's clock, capped at [`SIM_MAX_WAIT`] clocks
/// (the simulation runs a few thousand clocks per second).
pub struct SimTransport {
    board: hdl::system::SimBoard,
    name: String,
}

/// Most clocks one read waits for its first byte in simulation.
pub const SIM_MAX_WAIT: u64 = 1 << 18;

/// The driver's wall-clock timeout for a simulated board: the simulation
/// runs thousands of times slower than the board, so a silent board is
/// found by [`SIM_MAX_WAIT`] (simulated clocks), and this only stops a
/// runaway.
pub const SIM_WALL_TIMEOUT: Duration = Duration::from_secs(600);

impl std::fmt::Debug for SimTransport {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("SimTransport")
            .field("name", &self.name)
            .finish()
    }
}

impl SimTransport {
    /// A simulated board system with `lanes` lanes (8, 16 or 32).
    pub fn new(lanes: usize) -> hdl::Result<SimTransport> {
        Ok(SimTransport {
            board: hdl::system::SimBoard::new(hdl::system::SimConfig::new(lanes))?,
            name: format!("{SIM_PORT}:{lanes} (simulated board system)"),
        })
    }

    /// The lanes `port` asks for if it names the simulated board (`sim` is 8
    /// lanes, `sim:N` is N), `None` for any other port.
    pub fn lanes_of(port: &str) -> Option<std::result::Result<usize, String>> {
        let rest = port.strip_prefix(SIM_PORT)?;
        if rest.is_empty() {
            return Some(Ok(8));
        }
        let n = rest.strip_prefix(':')?;
        Some(
            n.parse::<usize>()
                .ok()
                .filter(|l| hdl::system::SYSTEM_LANES.contains(l))
                .ok_or_else(|| {
                    format!(
                        "'{port}': the simulated board has {:?} lanes",
                        hdl::system::SYSTEM_LANES
                    )
                }),
        )
    }

    /// Clock cycles the simulation has run.
    pub fn cycles(&self) -> u64 {
        self.board.cycles()
    }
}

impl Transport for SimTransport {
    fn write(&mut self, bytes: &[u8]) -> io::Result<()> {
        self.board.write_bytes(bytes);
        Ok(())
    }

    fn read(&mut self, buf: &mut [u8], timeout: Duration) -> io::Result<usize> {
        if buf.is_empty() {
            return Ok(0);
        }
        let clock = f64::from(self.board.config().clock_hz);
        let wait = ((timeout.as_secs_f64() * clock) as u64).clamp(1, SIM_MAX_WAIT);
        match self.board.read_byte(wait) {
            Some(b) => {
                buf[0] = b;
                Ok(1)
            }
            None => match self.board.fault() {
                Some(e) => Err(io::Error::other(e.to_string())),
                None => Err(io::Error::new(
                    io::ErrorKind::TimedOut,
                    format!("no byte from the simulated board within {wait} clocks"),
                )),
            },
        }
    }

    fn byte_time(&self) -> Duration {
        let c = self.board.config();
        Duration::from_secs_f64(10.0 * f64::from(c.clocks_per_bit) / f64::from(c.clock_hz))
    }

    fn name(&self) -> String {
        self.name.clone()
    }
}
