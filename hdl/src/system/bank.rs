//! The board system's memories: the weight bank ([`BeatRam`]) and the
//! result RAM ([`ResultRam`]).
//!
//! The weight bank: a single-port RAM of `2^N` beats, `D` bits wide, or
//! of `2^depth_bits` beats where a board has less memory than `N`
//! addresses (the address stays `N` bits; the system refuses addresses
//! past the depth).
//!
//! Single-port on purpose: the iCE40 UP5K's SB_SPRAM256KA (16K x 16 each)
//! have one address, and yosys (`synth_ice40 -spram`) maps a memory onto
//! them only if it reads and writes through one address, with the read
//! output held during a write (`rdwr no_change` in yosys's `spram.txt`).
//! rust-hdl's `RAM` has separate read and write addresses, so it would be
//! built from block RAM instead. The bank is written by `WEIGHTS` frames
//! and read by runs, which never overlap, so one port is enough.
//!
//! Sliced on the ECP5 where the bank is shallower than 16K beats: as one
//! memory of 4096 x 256 (the ULX3S-85F at 128 lanes) or 8192 x 128 (64
//! lanes), yosys (0.23, `synth_ecp5`) builds it from EBRs in their 2048 x 9
//! shape (fewest EBRs with the parity bits used) and splits the depth over
//! two or four of them, with a multiplexer behind their outputs that picks
//! one by the address's high bits (58 EBRs and 258 LUTs at 4096 x 256; 60
//! EBRs, 516 LUTs and 384 wide multiplexers at 8192 x 128). The register
//! that takes the bank's read data then sits behind that multiplexer, so
//! the flow cannot move it into the EBR's own output register
//! (`synth::absorb_ebr_output_registers`), and EBR clock-to-out (5.6 ns), a
//! route and the multiplexer were the critical path. Emitted as memories of
//! `slice` bits each, as many as the width needs, all on the one address
//! (`BeatRam::with_depth_and_slice`), each is one EBR in its `depth x
//! slice` shape (4096 x 4, 8192 x 2: 64 EBRs, no LUTs), whose output feeds
//! the read register directly. At 16K beats yosys already picks the 16K x 1
//! shape; on the iCE40 the bank stays one memory (the UP5K's SPRAMs are 16K
//! x 16: sliced narrower, each slice would need SPRAMs of its own).

use std::collections::BTreeMap;

use rust_hdl::prelude::*;

/// Single-port synchronous RAM: at a clock edge, writes `write_data` to
/// `address` when `write_enable` is high, otherwise reads `address` into
/// `read_data` (which holds its value across writes).
#[derive(LogicBlock, Default)]
pub struct BeatRam<const D: usize, const N: usize> {
    /// Clock.
    pub clock: Signal<In, Clock>,
    /// Word address.
    pub address: Signal<In, Bits<N>>,
    /// Write this cycle (no read).
    pub write_enable: Signal<In, bool>,
    /// The word to write.
    pub write_data: Signal<In, Bits<D>>,
    /// The word read at the last clock edge without a write.
    pub read_data: Signal<Out, Bits<D>>,
    _sim: BTreeMap<Bits<N>, Bits<D>>,
    _depth_bits: usize,
    _slice: usize,
}

impl<const D: usize, const N: usize> BeatRam<D, N> {
    /// A RAM of `2^depth_bits` beats (`1 <= depth_bits <= N`, checked by
    /// the caller).
    pub fn with_depth_bits(depth_bits: usize) -> Self {
        Self::with_depth_and_slice(depth_bits, 0)
    }

    /// A RAM of `2^depth_bits` beats whose Verilog is memories of `slice`
    /// bits each (the last narrower where `slice` does not divide `D`), all
    /// on the one address; `0` (or `slice >= D`): one memory. The
    /// behaviour is the same either way (see the module comment for why
    /// slice).
    pub fn with_depth_and_slice(depth_bits: usize, slice: usize) -> Self {
        Self {
            _depth_bits: depth_bits,
            _slice: slice,
            ..Default::default()
        }
    }

    /// Bits per memory in the Verilog: `D` when not sliced.
    pub fn slice_bits(&self) -> usize {
        if self._slice == 0 {
            D
        } else {
            self._slice.min(D)
        }
    }

    /// Beats the RAM holds.
    pub fn depth(&self) -> usize {
        1 << if self._depth_bits == 0 {
            N
        } else {
            self._depth_bits
        }
    }
}

impl<const D: usize, const N: usize> Logic for BeatRam<D, N> {
    fn update(&mut self) {
        if self.clock.pos_edge() {
            let at = self.address.val();
            if self.write_enable.val() {
                self._sim.insert(at, self.write_data.val());
            } else {
                self.read_data.next = self._sim.get(&at).copied().unwrap_or_default();
            }
        }
    }

    fn connect(&mut self) {
        self.read_data.connect();
    }

    fn hdl(&self) -> Verilog {
        let last = self.depth() - 1;
        let slice = self.slice_bits();
        if slice == D {
            return Verilog::Custom(format!(
                "\
reg[{top}:0] mem[{last}:0];

always @(posedge clock) begin
   if (write_enable)
      mem[address] <= write_data;
   else
      read_data <= mem[address];
end
",
                top = D - 1,
            ));
        }
        // One memory per slice, written and read in the one block.
        let (mut decls, mut writes, mut reads) = (String::new(), String::new(), String::new());
        for (i, lo) in (0..D).step_by(slice).enumerate() {
            let hi = (lo + slice).min(D) - 1;
            decls += &format!("reg[{}:0] mem{i}[{last}:0];\n", hi - lo);
            writes += &format!("      mem{i}[address] <= write_data[{hi}:{lo}];\n");
            reads += &format!("      read_data[{hi}:{lo}] <= mem{i}[address];\n");
        }
        Verilog::Custom(format!(
            "\
{decls}
always @(posedge clock) begin
   if (write_enable) begin
{writes}   end else begin
{reads}   end
end
"
        ))
    }

    fn timing(&self) -> Vec<TimingInfo> {
        vec![TimingInfo {
            name: "spram".into(),
            clock: "clock".into(),
            inputs: vec!["address".into(), "write_enable".into(), "write_data".into()],
            outputs: vec!["read_data".into()],
        }]
    }
}

/// The result RAM: `2^N` words of `D` bits, one synchronous read port and
/// one write port on the same clock, as rust-hdl's `RAM` but marked
/// `no_rw_check`. The system never reads a word in the clock it writes it
/// (results are written during a run and read by its response, and no run
/// starts while a response of results is being sent), and without the
/// attribute yosys puts a read-during-write bypass multiplexer behind the
/// block RAM's output, so the output register (`rdata_r`) could not move
/// into the ECP5 block RAM's own (`synth::absorb_ebr_output_registers`):
/// 5.6 ns of clock-to-out plus a route and the bypass was the ECP5-85F's
/// critical path.
#[derive(LogicBlock, Default)]
pub struct ResultRam<const D: usize, const N: usize> {
    /// Read address.
    pub read_address: Signal<In, Bits<N>>,
    /// Read clock.
    pub read_clock: Signal<In, Clock>,
    /// The word read at the last clock edge.
    pub read_data: Signal<Out, Bits<D>>,
    /// Write address.
    pub write_address: Signal<In, Bits<N>>,
    /// Write clock.
    pub write_clock: Signal<In, Clock>,
    /// The word to write.
    pub write_data: Signal<In, Bits<D>>,
    /// Write this cycle.
    pub write_enable: Signal<In, bool>,
    _sim: BTreeMap<Bits<N>, Bits<D>>,
}

impl<const D: usize, const N: usize> Logic for ResultRam<D, N> {
    fn update(&mut self) {
        if self.read_clock.pos_edge() {
            self.read_data.next = self
                ._sim
                .get(&self.read_address.val())
                .copied()
                .unwrap_or_default();
        }
        if self.write_clock.pos_edge() && self.write_enable.val() {
            self._sim
                .insert(self.write_address.val(), self.write_data.val());
        }
    }

    fn connect(&mut self) {
        self.read_data.connect();
    }

    fn hdl(&self) -> Verilog {
        Verilog::Custom(format!(
            "\
(* no_rw_check *)
reg[{top}:0] mem[{last}:0];

always @(posedge read_clock) begin
   read_data <= mem[read_address];
end

always @(posedge write_clock) begin
   if (write_enable)
      mem[write_address] <= write_data;
end
",
            top = D - 1,
            last = (1usize << N) - 1,
        ))
    }

    fn timing(&self) -> Vec<TimingInfo> {
        vec![
            TimingInfo {
                name: "ram_read".into(),
                clock: "read_clock".into(),
                inputs: vec!["read_address".into()],
                outputs: vec!["read_data".into()],
            },
            TimingInfo {
                name: "ram_write".into(),
                clock: "write_clock".into(),
                inputs: vec![
                    "write_address".into(),
                    "write_data".into(),
                    "write_enable".into(),
                ],
                outputs: vec![],
            },
        ]
    }
}

/// The delta unit's key memory: `2^N` bytes (`N >= 11`), one write port
/// and one read port on one clock, the byte read four clock edges after
/// its address. In Verilog it is `2^(N - 11)` banks of 2048 bytes (one
/// ECP5 block RAM each), every bank's word registered (a register the ECP5
/// flow moves into the block RAM's output register,
/// `synth::absorb_ebr_output_registers`) and registered again in the
/// fabric, the bank chosen after those registers by the address's high
/// bits of three edges ago, and the chosen byte registered. As one
/// memory, yosys put a 16-way multiplexer between the block RAMs'
/// unregistered outputs and the first flip-flop: 5.8 ns of clock-to-out,
/// a 3.2 ns route and the multiplexer, the ECP5-85F system's critical path
/// at 106 MHz. With one register per bank, the route from banks spread
/// over the die to the multiplexer (5.7-5.8 ns, then the multiplexer)
/// was the critical path at several seeds (105.7-118.0 MHz); the fabric
/// register gives that route a clock of its own.
#[derive(LogicBlock, Default)]
pub struct KeyRam<const N: usize> {
    /// Clock.
    pub clock: Signal<In, Clock>,
    /// Read address.
    pub read_address: Signal<In, Bits<N>>,
    /// The byte at the read address of four edges ago.
    pub read_data: Signal<Out, Bits<8>>,
    /// Write address.
    pub write_address: Signal<In, Bits<N>>,
    /// The byte to write.
    pub write_data: Signal<In, Bits<8>>,
    /// Write this cycle.
    pub write_enable: Signal<In, bool>,
    _sim: BTreeMap<Bits<N>, Bits<8>>,
    _read: Bits<8>,
    _far: Bits<8>,
    _out: Bits<8>,
}

impl<const N: usize> Logic for KeyRam<N> {
    fn update(&mut self) {
        if self.clock.pos_edge() {
            self.read_data.next = self._out;
            self._out = self._far;
            self._far = self._read;
            self._read = self
                ._sim
                .get(&self.read_address.val())
                .copied()
                .unwrap_or_default();
            if self.write_enable.val() {
                self._sim
                    .insert(self.write_address.val(), self.write_data.val());
            }
        }
    }

    fn connect(&mut self) {
        self.read_data.connect();
    }

    fn hdl(&self) -> Verilog {
        let banks = 1usize << N.saturating_sub(11);
        Verilog::Custom(format!(
            "\
reg[{hi}:0] sel1;
reg[{hi}:0] sel2;
reg[{hi}:0] sel3;
wire[{flat}:0] words;

genvar b;
generate
   for (b = 0; b < {banks}; b = b + 1) begin : bank
      (* no_rw_check *)
      reg[7:0] mem[2047:0];
      reg[7:0] word;
      reg[7:0] far;
      reg[7:0] out;
      always @(posedge clock) begin
         word <= mem[read_address[10:0]];
         far <= word;
         out <= far;
         if (write_enable && write_address[{top}:11] == b)
            mem[write_address[10:0]] <= write_data;
      end
      assign words[8 * b + 7:8 * b] = out;
   end
endgenerate

always @(posedge clock) begin
   sel1 <= read_address[{top}:11];
   sel2 <= sel1;
   sel3 <= sel2;
   read_data <= words[8 * sel3 +: 8];
end
",
            hi = N.saturating_sub(12),
            top = N - 1,
            flat = 8 * banks - 1,
        ))
    }

    fn timing(&self) -> Vec<TimingInfo> {
        vec![TimingInfo {
            name: "key_ram".into(),
            clock: "clock".into(),
            inputs: vec![
                "read_address".into(),
                "write_address".into(),
                "write_data".into(),
                "write_enable".into(),
            ],
            outputs: vec!["read_data".into()],
        }]
    }
}
