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
