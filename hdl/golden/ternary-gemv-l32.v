

module top(clock,act_data,act_valid,act_last,act_ready,wgt_data,wgt_valid,wgt_last,wgt_ready,out_data,out_valid,out_ready);
    
    // Module arguments
    input wire  clock;
    input wire  [7:0] act_data;
    input wire  act_valid;
    input wire  act_last;
    output reg  act_ready;
    input wire  [63:0] wgt_data;
    input wire  wgt_valid;
    input wire  wgt_last;
    output reg  wgt_ready;
    output reg  [31:0] out_data;
    output reg  out_valid;
    input wire  out_ready;
    
    // Constant declarations
    localparam  last_lane_c = 8'h1f;
    localparam  top_c = 16'hf8;
    
    // Stub signals
    reg  [7:0] act_ram$read_address;
    reg  act_ram$read_clock;
    wire  [255:0] act_ram$read_data;
    reg  [7:0] act_ram$write_address;
    reg  act_ram$write_clock;
    reg  [255:0] act_ram$write_data;
    reg  act_ram$write_enable;
    reg  [255:0] asm$d;
    wire  [255:0] asm$q;
    reg  asm$clock;
    reg  [7:0] lane$d;
    wire  [7:0] lane$q;
    reg  lane$clock;
    reg  [15:0] waddr$d;
    wire  [15:0] waddr$q;
    reg  waddr$clock;
    reg  [7:0] penult$d;
    wire  [7:0] penult$q;
    reg  penult$clock;
    reg  one_chunk$d;
    wire  one_chunk$q;
    reg  one_chunk$clock;
    reg  [1:0] state$d;
    wire  [1:0] state$q;
    reg  state$clock;
    reg  [7:0] rchunk$d;
    wire  [7:0] rchunk$q;
    reg  rchunk$clock;
    reg  rlast$d;
    wire  rlast$q;
    reg  rlast$clock;
    reg  [7:0] raddr$d;
    wire  [7:0] raddr$q;
    reg  raddr$clock;
    reg  [63:0] codes$d;
    wire  [63:0] codes$q;
    reg  codes$clock;
    reg  vld$0$d;
    wire  vld$0$q;
    reg  vld$0$clock;
    reg  vld$1$d;
    wire  vld$1$q;
    reg  vld$1$clock;
    reg  vld$2$d;
    wire  vld$2$q;
    reg  vld$2$clock;
    reg  vld$3$d;
    wire  vld$3$q;
    reg  vld$3$clock;
    reg  vld$4$d;
    wire  vld$4$q;
    reg  vld$4$clock;
    reg  vld$5$d;
    wire  vld$5$q;
    reg  vld$5$clock;
    reg  vld$6$d;
    wire  vld$6$q;
    reg  vld$6$clock;
    reg  lst$0$d;
    wire  lst$0$q;
    reg  lst$0$clock;
    reg  lst$1$d;
    wire  lst$1$q;
    reg  lst$1$clock;
    reg  lst$2$d;
    wire  lst$2$q;
    reg  lst$2$clock;
    reg  lst$3$d;
    wire  lst$3$q;
    reg  lst$3$clock;
    reg  lst$4$d;
    wire  lst$4$q;
    reg  lst$4$clock;
    reg  lst$5$d;
    wire  lst$5$q;
    reg  lst$5$clock;
    reg  lst$6$d;
    wire  lst$6$q;
    reg  lst$6$clock;
    reg  [15:0] nodes$0$d;
    wire  [15:0] nodes$0$q;
    reg  nodes$0$clock;
    reg  [15:0] nodes$1$d;
    wire  [15:0] nodes$1$q;
    reg  nodes$1$clock;
    reg  [15:0] nodes$2$d;
    wire  [15:0] nodes$2$q;
    reg  nodes$2$clock;
    reg  [15:0] nodes$3$d;
    wire  [15:0] nodes$3$q;
    reg  nodes$3$clock;
    reg  [15:0] nodes$4$d;
    wire  [15:0] nodes$4$q;
    reg  nodes$4$clock;
    reg  [15:0] nodes$5$d;
    wire  [15:0] nodes$5$q;
    reg  nodes$5$clock;
    reg  [15:0] nodes$6$d;
    wire  [15:0] nodes$6$q;
    reg  nodes$6$clock;
    reg  [15:0] nodes$7$d;
    wire  [15:0] nodes$7$q;
    reg  nodes$7$clock;
    reg  [15:0] nodes$8$d;
    wire  [15:0] nodes$8$q;
    reg  nodes$8$clock;
    reg  [15:0] nodes$9$d;
    wire  [15:0] nodes$9$q;
    reg  nodes$9$clock;
    reg  [15:0] nodes$10$d;
    wire  [15:0] nodes$10$q;
    reg  nodes$10$clock;
    reg  [15:0] nodes$11$d;
    wire  [15:0] nodes$11$q;
    reg  nodes$11$clock;
    reg  [15:0] nodes$12$d;
    wire  [15:0] nodes$12$q;
    reg  nodes$12$clock;
    reg  [15:0] nodes$13$d;
    wire  [15:0] nodes$13$q;
    reg  nodes$13$clock;
    reg  [15:0] nodes$14$d;
    wire  [15:0] nodes$14$q;
    reg  nodes$14$clock;
    reg  [15:0] nodes$15$d;
    wire  [15:0] nodes$15$q;
    reg  nodes$15$clock;
    reg  [15:0] nodes$16$d;
    wire  [15:0] nodes$16$q;
    reg  nodes$16$clock;
    reg  [15:0] nodes$17$d;
    wire  [15:0] nodes$17$q;
    reg  nodes$17$clock;
    reg  [15:0] nodes$18$d;
    wire  [15:0] nodes$18$q;
    reg  nodes$18$clock;
    reg  [15:0] nodes$19$d;
    wire  [15:0] nodes$19$q;
    reg  nodes$19$clock;
    reg  [15:0] nodes$20$d;
    wire  [15:0] nodes$20$q;
    reg  nodes$20$clock;
    reg  [15:0] nodes$21$d;
    wire  [15:0] nodes$21$q;
    reg  nodes$21$clock;
    reg  [15:0] nodes$22$d;
    wire  [15:0] nodes$22$q;
    reg  nodes$22$clock;
    reg  [15:0] nodes$23$d;
    wire  [15:0] nodes$23$q;
    reg  nodes$23$clock;
    reg  [15:0] nodes$24$d;
    wire  [15:0] nodes$24$q;
    reg  nodes$24$clock;
    reg  [15:0] nodes$25$d;
    wire  [15:0] nodes$25$q;
    reg  nodes$25$clock;
    reg  [15:0] nodes$26$d;
    wire  [15:0] nodes$26$q;
    reg  nodes$26$clock;
    reg  [15:0] nodes$27$d;
    wire  [15:0] nodes$27$q;
    reg  nodes$27$clock;
    reg  [15:0] nodes$28$d;
    wire  [15:0] nodes$28$q;
    reg  nodes$28$clock;
    reg  [15:0] nodes$29$d;
    wire  [15:0] nodes$29$q;
    reg  nodes$29$clock;
    reg  [15:0] nodes$30$d;
    wire  [15:0] nodes$30$q;
    reg  nodes$30$clock;
    reg  [15:0] nodes$31$d;
    wire  [15:0] nodes$31$q;
    reg  nodes$31$clock;
    reg  [15:0] nodes$32$d;
    wire  [15:0] nodes$32$q;
    reg  nodes$32$clock;
    reg  [15:0] nodes$33$d;
    wire  [15:0] nodes$33$q;
    reg  nodes$33$clock;
    reg  [15:0] nodes$34$d;
    wire  [15:0] nodes$34$q;
    reg  nodes$34$clock;
    reg  [15:0] nodes$35$d;
    wire  [15:0] nodes$35$q;
    reg  nodes$35$clock;
    reg  [15:0] nodes$36$d;
    wire  [15:0] nodes$36$q;
    reg  nodes$36$clock;
    reg  [15:0] nodes$37$d;
    wire  [15:0] nodes$37$q;
    reg  nodes$37$clock;
    reg  [15:0] nodes$38$d;
    wire  [15:0] nodes$38$q;
    reg  nodes$38$clock;
    reg  [15:0] nodes$39$d;
    wire  [15:0] nodes$39$q;
    reg  nodes$39$clock;
    reg  [15:0] nodes$40$d;
    wire  [15:0] nodes$40$q;
    reg  nodes$40$clock;
    reg  [15:0] nodes$41$d;
    wire  [15:0] nodes$41$q;
    reg  nodes$41$clock;
    reg  [15:0] nodes$42$d;
    wire  [15:0] nodes$42$q;
    reg  nodes$42$clock;
    reg  [15:0] nodes$43$d;
    wire  [15:0] nodes$43$q;
    reg  nodes$43$clock;
    reg  [15:0] nodes$44$d;
    wire  [15:0] nodes$44$q;
    reg  nodes$44$clock;
    reg  [15:0] nodes$45$d;
    wire  [15:0] nodes$45$q;
    reg  nodes$45$clock;
    reg  [15:0] nodes$46$d;
    wire  [15:0] nodes$46$q;
    reg  nodes$46$clock;
    reg  [15:0] nodes$47$d;
    wire  [15:0] nodes$47$q;
    reg  nodes$47$clock;
    reg  [15:0] nodes$48$d;
    wire  [15:0] nodes$48$q;
    reg  nodes$48$clock;
    reg  [15:0] nodes$49$d;
    wire  [15:0] nodes$49$q;
    reg  nodes$49$clock;
    reg  [15:0] nodes$50$d;
    wire  [15:0] nodes$50$q;
    reg  nodes$50$clock;
    reg  [15:0] nodes$51$d;
    wire  [15:0] nodes$51$q;
    reg  nodes$51$clock;
    reg  [15:0] nodes$52$d;
    wire  [15:0] nodes$52$q;
    reg  nodes$52$clock;
    reg  [15:0] nodes$53$d;
    wire  [15:0] nodes$53$q;
    reg  nodes$53$clock;
    reg  [15:0] nodes$54$d;
    wire  [15:0] nodes$54$q;
    reg  nodes$54$clock;
    reg  [15:0] nodes$55$d;
    wire  [15:0] nodes$55$q;
    reg  nodes$55$clock;
    reg  [15:0] nodes$56$d;
    wire  [15:0] nodes$56$q;
    reg  nodes$56$clock;
    reg  [15:0] nodes$57$d;
    wire  [15:0] nodes$57$q;
    reg  nodes$57$clock;
    reg  [15:0] nodes$58$d;
    wire  [15:0] nodes$58$q;
    reg  nodes$58$clock;
    reg  [15:0] nodes$59$d;
    wire  [15:0] nodes$59$q;
    reg  nodes$59$clock;
    reg  [15:0] nodes$60$d;
    wire  [15:0] nodes$60$q;
    reg  nodes$60$clock;
    reg  [15:0] nodes$61$d;
    wire  [15:0] nodes$61$q;
    reg  nodes$61$clock;
    reg  [15:0] nodes$62$d;
    wire  [15:0] nodes$62$q;
    reg  nodes$62$clock;
    reg  [15:0] nodes$63$d;
    wire  [15:0] nodes$63$q;
    reg  nodes$63$clock;
    reg  [7:0] cells$0$x;
    reg  [1:0] cells$0$code;
    wire  [15:0] cells$0$term;
    reg  [7:0] cells$1$x;
    reg  [1:0] cells$1$code;
    wire  [15:0] cells$1$term;
    reg  [7:0] cells$2$x;
    reg  [1:0] cells$2$code;
    wire  [15:0] cells$2$term;
    reg  [7:0] cells$3$x;
    reg  [1:0] cells$3$code;
    wire  [15:0] cells$3$term;
    reg  [7:0] cells$4$x;
    reg  [1:0] cells$4$code;
    wire  [15:0] cells$4$term;
    reg  [7:0] cells$5$x;
    reg  [1:0] cells$5$code;
    wire  [15:0] cells$5$term;
    reg  [7:0] cells$6$x;
    reg  [1:0] cells$6$code;
    wire  [15:0] cells$6$term;
    reg  [7:0] cells$7$x;
    reg  [1:0] cells$7$code;
    wire  [15:0] cells$7$term;
    reg  [7:0] cells$8$x;
    reg  [1:0] cells$8$code;
    wire  [15:0] cells$8$term;
    reg  [7:0] cells$9$x;
    reg  [1:0] cells$9$code;
    wire  [15:0] cells$9$term;
    reg  [7:0] cells$10$x;
    reg  [1:0] cells$10$code;
    wire  [15:0] cells$10$term;
    reg  [7:0] cells$11$x;
    reg  [1:0] cells$11$code;
    wire  [15:0] cells$11$term;
    reg  [7:0] cells$12$x;
    reg  [1:0] cells$12$code;
    wire  [15:0] cells$12$term;
    reg  [7:0] cells$13$x;
    reg  [1:0] cells$13$code;
    wire  [15:0] cells$13$term;
    reg  [7:0] cells$14$x;
    reg  [1:0] cells$14$code;
    wire  [15:0] cells$14$term;
    reg  [7:0] cells$15$x;
    reg  [1:0] cells$15$code;
    wire  [15:0] cells$15$term;
    reg  [7:0] cells$16$x;
    reg  [1:0] cells$16$code;
    wire  [15:0] cells$16$term;
    reg  [7:0] cells$17$x;
    reg  [1:0] cells$17$code;
    wire  [15:0] cells$17$term;
    reg  [7:0] cells$18$x;
    reg  [1:0] cells$18$code;
    wire  [15:0] cells$18$term;
    reg  [7:0] cells$19$x;
    reg  [1:0] cells$19$code;
    wire  [15:0] cells$19$term;
    reg  [7:0] cells$20$x;
    reg  [1:0] cells$20$code;
    wire  [15:0] cells$20$term;
    reg  [7:0] cells$21$x;
    reg  [1:0] cells$21$code;
    wire  [15:0] cells$21$term;
    reg  [7:0] cells$22$x;
    reg  [1:0] cells$22$code;
    wire  [15:0] cells$22$term;
    reg  [7:0] cells$23$x;
    reg  [1:0] cells$23$code;
    wire  [15:0] cells$23$term;
    reg  [7:0] cells$24$x;
    reg  [1:0] cells$24$code;
    wire  [15:0] cells$24$term;
    reg  [7:0] cells$25$x;
    reg  [1:0] cells$25$code;
    wire  [15:0] cells$25$term;
    reg  [7:0] cells$26$x;
    reg  [1:0] cells$26$code;
    wire  [15:0] cells$26$term;
    reg  [7:0] cells$27$x;
    reg  [1:0] cells$27$code;
    wire  [15:0] cells$27$term;
    reg  [7:0] cells$28$x;
    reg  [1:0] cells$28$code;
    wire  [15:0] cells$28$term;
    reg  [7:0] cells$29$x;
    reg  [1:0] cells$29$code;
    wire  [15:0] cells$29$term;
    reg  [7:0] cells$30$x;
    reg  [1:0] cells$30$code;
    wire  [15:0] cells$30$term;
    reg  [7:0] cells$31$x;
    reg  [1:0] cells$31$code;
    wire  [15:0] cells$31$term;
    reg  [31:0] acc$d;
    wire  [31:0] acc$q;
    reg  acc$clock;
    reg  [31:0] res$d;
    wire  [31:0] res$q;
    reg  res$clock;
    reg  res_v$d;
    wire  res_v$q;
    reg  res_v$clock;
    
    // Local signals
    reg  adv;
    reg  take_w;
    reg  take_a;
    reg  busy;
    reg  [7:0] byte_in;
    reg  [255:0] word_in;
    reg  [31:0] root;
    reg  row_end;
    
    // Sub module instances
    top$act_ram act_ram(
        .read_address(act_ram$read_address),
        .read_clock(act_ram$read_clock),
        .read_data(act_ram$read_data),
        .write_address(act_ram$write_address),
        .write_clock(act_ram$write_clock),
        .write_data(act_ram$write_data),
        .write_enable(act_ram$write_enable)
    );
    top$asm asm(
        .d(asm$d),
        .q(asm$q),
        .clock(asm$clock)
    );
    top$lane lane(
        .d(lane$d),
        .q(lane$q),
        .clock(lane$clock)
    );
    top$waddr waddr(
        .d(waddr$d),
        .q(waddr$q),
        .clock(waddr$clock)
    );
    top$penult penult(
        .d(penult$d),
        .q(penult$q),
        .clock(penult$clock)
    );
    top$one_chunk one_chunk(
        .d(one_chunk$d),
        .q(one_chunk$q),
        .clock(one_chunk$clock)
    );
    top$state state(
        .d(state$d),
        .q(state$q),
        .clock(state$clock)
    );
    top$rchunk rchunk(
        .d(rchunk$d),
        .q(rchunk$q),
        .clock(rchunk$clock)
    );
    top$rlast rlast(
        .d(rlast$d),
        .q(rlast$q),
        .clock(rlast$clock)
    );
    top$raddr raddr(
        .d(raddr$d),
        .q(raddr$q),
        .clock(raddr$clock)
    );
    top$codes codes(
        .d(codes$d),
        .q(codes$q),
        .clock(codes$clock)
    );
    top$vld$0 vld$0(
        .d(vld$0$d),
        .q(vld$0$q),
        .clock(vld$0$clock)
    );
    top$vld$1 vld$1(
        .d(vld$1$d),
        .q(vld$1$q),
        .clock(vld$1$clock)
    );
    top$vld$2 vld$2(
        .d(vld$2$d),
        .q(vld$2$q),
        .clock(vld$2$clock)
    );
    top$vld$3 vld$3(
        .d(vld$3$d),
        .q(vld$3$q),
        .clock(vld$3$clock)
    );
    top$vld$4 vld$4(
        .d(vld$4$d),
        .q(vld$4$q),
        .clock(vld$4$clock)
    );
    top$vld$5 vld$5(
        .d(vld$5$d),
        .q(vld$5$q),
        .clock(vld$5$clock)
    );
    top$vld$6 vld$6(
        .d(vld$6$d),
        .q(vld$6$q),
        .clock(vld$6$clock)
    );
    top$lst$0 lst$0(
        .d(lst$0$d),
        .q(lst$0$q),
        .clock(lst$0$clock)
    );
    top$lst$1 lst$1(
        .d(lst$1$d),
        .q(lst$1$q),
        .clock(lst$1$clock)
    );
    top$lst$2 lst$2(
        .d(lst$2$d),
        .q(lst$2$q),
        .clock(lst$2$clock)
    );
    top$lst$3 lst$3(
        .d(lst$3$d),
        .q(lst$3$q),
        .clock(lst$3$clock)
    );
    top$lst$4 lst$4(
        .d(lst$4$d),
        .q(lst$4$q),
        .clock(lst$4$clock)
    );
    top$lst$5 lst$5(
        .d(lst$5$d),
        .q(lst$5$q),
        .clock(lst$5$clock)
    );
    top$lst$6 lst$6(
        .d(lst$6$d),
        .q(lst$6$q),
        .clock(lst$6$clock)
    );
    top$nodes$0 nodes$0(
        .d(nodes$0$d),
        .q(nodes$0$q),
        .clock(nodes$0$clock)
    );
    top$nodes$1 nodes$1(
        .d(nodes$1$d),
        .q(nodes$1$q),
        .clock(nodes$1$clock)
    );
    top$nodes$2 nodes$2(
        .d(nodes$2$d),
        .q(nodes$2$q),
        .clock(nodes$2$clock)
    );
    top$nodes$3 nodes$3(
        .d(nodes$3$d),
        .q(nodes$3$q),
        .clock(nodes$3$clock)
    );
    top$nodes$4 nodes$4(
        .d(nodes$4$d),
        .q(nodes$4$q),
        .clock(nodes$4$clock)
    );
    top$nodes$5 nodes$5(
        .d(nodes$5$d),
        .q(nodes$5$q),
        .clock(nodes$5$clock)
    );
    top$nodes$6 nodes$6(
        .d(nodes$6$d),
        .q(nodes$6$q),
        .clock(nodes$6$clock)
    );
    top$nodes$7 nodes$7(
        .d(nodes$7$d),
        .q(nodes$7$q),
        .clock(nodes$7$clock)
    );
    top$nodes$8 nodes$8(
        .d(nodes$8$d),
        .q(nodes$8$q),
        .clock(nodes$8$clock)
    );
    top$nodes$9 nodes$9(
        .d(nodes$9$d),
        .q(nodes$9$q),
        .clock(nodes$9$clock)
    );
    top$nodes$10 nodes$10(
        .d(nodes$10$d),
        .q(nodes$10$q),
        .clock(nodes$10$clock)
    );
    top$nodes$11 nodes$11(
        .d(nodes$11$d),
        .q(nodes$11$q),
        .clock(nodes$11$clock)
    );
    top$nodes$12 nodes$12(
        .d(nodes$12$d),
        .q(nodes$12$q),
        .clock(nodes$12$clock)
    );
    top$nodes$13 nodes$13(
        .d(nodes$13$d),
        .q(nodes$13$q),
        .clock(nodes$13$clock)
    );
    top$nodes$14 nodes$14(
        .d(nodes$14$d),
        .q(nodes$14$q),
        .clock(nodes$14$clock)
    );
    top$nodes$15 nodes$15(
        .d(nodes$15$d),
        .q(nodes$15$q),
        .clock(nodes$15$clock)
    );
    top$nodes$16 nodes$16(
        .d(nodes$16$d),
        .q(nodes$16$q),
        .clock(nodes$16$clock)
    );
    top$nodes$17 nodes$17(
        .d(nodes$17$d),
        .q(nodes$17$q),
        .clock(nodes$17$clock)
    );
    top$nodes$18 nodes$18(
        .d(nodes$18$d),
        .q(nodes$18$q),
        .clock(nodes$18$clock)
    );
    top$nodes$19 nodes$19(
        .d(nodes$19$d),
        .q(nodes$19$q),
        .clock(nodes$19$clock)
    );
    top$nodes$20 nodes$20(
        .d(nodes$20$d),
        .q(nodes$20$q),
        .clock(nodes$20$clock)
    );
    top$nodes$21 nodes$21(
        .d(nodes$21$d),
        .q(nodes$21$q),
        .clock(nodes$21$clock)
    );
    top$nodes$22 nodes$22(
        .d(nodes$22$d),
        .q(nodes$22$q),
        .clock(nodes$22$clock)
    );
    top$nodes$23 nodes$23(
        .d(nodes$23$d),
        .q(nodes$23$q),
        .clock(nodes$23$clock)
    );
    top$nodes$24 nodes$24(
        .d(nodes$24$d),
        .q(nodes$24$q),
        .clock(nodes$24$clock)
    );
    top$nodes$25 nodes$25(
        .d(nodes$25$d),
        .q(nodes$25$q),
        .clock(nodes$25$clock)
    );
    top$nodes$26 nodes$26(
        .d(nodes$26$d),
        .q(nodes$26$q),
        .clock(nodes$26$clock)
    );
    top$nodes$27 nodes$27(
        .d(nodes$27$d),
        .q(nodes$27$q),
        .clock(nodes$27$clock)
    );
    top$nodes$28 nodes$28(
        .d(nodes$28$d),
        .q(nodes$28$q),
        .clock(nodes$28$clock)
    );
    top$nodes$29 nodes$29(
        .d(nodes$29$d),
        .q(nodes$29$q),
        .clock(nodes$29$clock)
    );
    top$nodes$30 nodes$30(
        .d(nodes$30$d),
        .q(nodes$30$q),
        .clock(nodes$30$clock)
    );
    top$nodes$31 nodes$31(
        .d(nodes$31$d),
        .q(nodes$31$q),
        .clock(nodes$31$clock)
    );
    top$nodes$32 nodes$32(
        .d(nodes$32$d),
        .q(nodes$32$q),
        .clock(nodes$32$clock)
    );
    top$nodes$33 nodes$33(
        .d(nodes$33$d),
        .q(nodes$33$q),
        .clock(nodes$33$clock)
    );
    top$nodes$34 nodes$34(
        .d(nodes$34$d),
        .q(nodes$34$q),
        .clock(nodes$34$clock)
    );
    top$nodes$35 nodes$35(
        .d(nodes$35$d),
        .q(nodes$35$q),
        .clock(nodes$35$clock)
    );
    top$nodes$36 nodes$36(
        .d(nodes$36$d),
        .q(nodes$36$q),
        .clock(nodes$36$clock)
    );
    top$nodes$37 nodes$37(
        .d(nodes$37$d),
        .q(nodes$37$q),
        .clock(nodes$37$clock)
    );
    top$nodes$38 nodes$38(
        .d(nodes$38$d),
        .q(nodes$38$q),
        .clock(nodes$38$clock)
    );
    top$nodes$39 nodes$39(
        .d(nodes$39$d),
        .q(nodes$39$q),
        .clock(nodes$39$clock)
    );
    top$nodes$40 nodes$40(
        .d(nodes$40$d),
        .q(nodes$40$q),
        .clock(nodes$40$clock)
    );
    top$nodes$41 nodes$41(
        .d(nodes$41$d),
        .q(nodes$41$q),
        .clock(nodes$41$clock)
    );
    top$nodes$42 nodes$42(
        .d(nodes$42$d),
        .q(nodes$42$q),
        .clock(nodes$42$clock)
    );
    top$nodes$43 nodes$43(
        .d(nodes$43$d),
        .q(nodes$43$q),
        .clock(nodes$43$clock)
    );
    top$nodes$44 nodes$44(
        .d(nodes$44$d),
        .q(nodes$44$q),
        .clock(nodes$44$clock)
    );
    top$nodes$45 nodes$45(
        .d(nodes$45$d),
        .q(nodes$45$q),
        .clock(nodes$45$clock)
    );
    top$nodes$46 nodes$46(
        .d(nodes$46$d),
        .q(nodes$46$q),
        .clock(nodes$46$clock)
    );
    top$nodes$47 nodes$47(
        .d(nodes$47$d),
        .q(nodes$47$q),
        .clock(nodes$47$clock)
    );
    top$nodes$48 nodes$48(
        .d(nodes$48$d),
        .q(nodes$48$q),
        .clock(nodes$48$clock)
    );
    top$nodes$49 nodes$49(
        .d(nodes$49$d),
        .q(nodes$49$q),
        .clock(nodes$49$clock)
    );
    top$nodes$50 nodes$50(
        .d(nodes$50$d),
        .q(nodes$50$q),
        .clock(nodes$50$clock)
    );
    top$nodes$51 nodes$51(
        .d(nodes$51$d),
        .q(nodes$51$q),
        .clock(nodes$51$clock)
    );
    top$nodes$52 nodes$52(
        .d(nodes$52$d),
        .q(nodes$52$q),
        .clock(nodes$52$clock)
    );
    top$nodes$53 nodes$53(
        .d(nodes$53$d),
        .q(nodes$53$q),
        .clock(nodes$53$clock)
    );
    top$nodes$54 nodes$54(
        .d(nodes$54$d),
        .q(nodes$54$q),
        .clock(nodes$54$clock)
    );
    top$nodes$55 nodes$55(
        .d(nodes$55$d),
        .q(nodes$55$q),
        .clock(nodes$55$clock)
    );
    top$nodes$56 nodes$56(
        .d(nodes$56$d),
        .q(nodes$56$q),
        .clock(nodes$56$clock)
    );
    top$nodes$57 nodes$57(
        .d(nodes$57$d),
        .q(nodes$57$q),
        .clock(nodes$57$clock)
    );
    top$nodes$58 nodes$58(
        .d(nodes$58$d),
        .q(nodes$58$q),
        .clock(nodes$58$clock)
    );
    top$nodes$59 nodes$59(
        .d(nodes$59$d),
        .q(nodes$59$q),
        .clock(nodes$59$clock)
    );
    top$nodes$60 nodes$60(
        .d(nodes$60$d),
        .q(nodes$60$q),
        .clock(nodes$60$clock)
    );
    top$nodes$61 nodes$61(
        .d(nodes$61$d),
        .q(nodes$61$q),
        .clock(nodes$61$clock)
    );
    top$nodes$62 nodes$62(
        .d(nodes$62$d),
        .q(nodes$62$q),
        .clock(nodes$62$clock)
    );
    top$nodes$63 nodes$63(
        .d(nodes$63$d),
        .q(nodes$63$q),
        .clock(nodes$63$clock)
    );
    top$cells$0 cells$0(
        .x(cells$0$x),
        .code(cells$0$code),
        .term(cells$0$term)
    );
    top$cells$1 cells$1(
        .x(cells$1$x),
        .code(cells$1$code),
        .term(cells$1$term)
    );
    top$cells$2 cells$2(
        .x(cells$2$x),
        .code(cells$2$code),
        .term(cells$2$term)
    );
    top$cells$3 cells$3(
        .x(cells$3$x),
        .code(cells$3$code),
        .term(cells$3$term)
    );
    top$cells$4 cells$4(
        .x(cells$4$x),
        .code(cells$4$code),
        .term(cells$4$term)
    );
    top$cells$5 cells$5(
        .x(cells$5$x),
        .code(cells$5$code),
        .term(cells$5$term)
    );
    top$cells$6 cells$6(
        .x(cells$6$x),
        .code(cells$6$code),
        .term(cells$6$term)
    );
    top$cells$7 cells$7(
        .x(cells$7$x),
        .code(cells$7$code),
        .term(cells$7$term)
    );
    top$cells$8 cells$8(
        .x(cells$8$x),
        .code(cells$8$code),
        .term(cells$8$term)
    );
    top$cells$9 cells$9(
        .x(cells$9$x),
        .code(cells$9$code),
        .term(cells$9$term)
    );
    top$cells$10 cells$10(
        .x(cells$10$x),
        .code(cells$10$code),
        .term(cells$10$term)
    );
    top$cells$11 cells$11(
        .x(cells$11$x),
        .code(cells$11$code),
        .term(cells$11$term)
    );
    top$cells$12 cells$12(
        .x(cells$12$x),
        .code(cells$12$code),
        .term(cells$12$term)
    );
    top$cells$13 cells$13(
        .x(cells$13$x),
        .code(cells$13$code),
        .term(cells$13$term)
    );
    top$cells$14 cells$14(
        .x(cells$14$x),
        .code(cells$14$code),
        .term(cells$14$term)
    );
    top$cells$15 cells$15(
        .x(cells$15$x),
        .code(cells$15$code),
        .term(cells$15$term)
    );
    top$cells$16 cells$16(
        .x(cells$16$x),
        .code(cells$16$code),
        .term(cells$16$term)
    );
    top$cells$17 cells$17(
        .x(cells$17$x),
        .code(cells$17$code),
        .term(cells$17$term)
    );
    top$cells$18 cells$18(
        .x(cells$18$x),
        .code(cells$18$code),
        .term(cells$18$term)
    );
    top$cells$19 cells$19(
        .x(cells$19$x),
        .code(cells$19$code),
        .term(cells$19$term)
    );
    top$cells$20 cells$20(
        .x(cells$20$x),
        .code(cells$20$code),
        .term(cells$20$term)
    );
    top$cells$21 cells$21(
        .x(cells$21$x),
        .code(cells$21$code),
        .term(cells$21$term)
    );
    top$cells$22 cells$22(
        .x(cells$22$x),
        .code(cells$22$code),
        .term(cells$22$term)
    );
    top$cells$23 cells$23(
        .x(cells$23$x),
        .code(cells$23$code),
        .term(cells$23$term)
    );
    top$cells$24 cells$24(
        .x(cells$24$x),
        .code(cells$24$code),
        .term(cells$24$term)
    );
    top$cells$25 cells$25(
        .x(cells$25$x),
        .code(cells$25$code),
        .term(cells$25$term)
    );
    top$cells$26 cells$26(
        .x(cells$26$x),
        .code(cells$26$code),
        .term(cells$26$term)
    );
    top$cells$27 cells$27(
        .x(cells$27$x),
        .code(cells$27$code),
        .term(cells$27$term)
    );
    top$cells$28 cells$28(
        .x(cells$28$x),
        .code(cells$28$code),
        .term(cells$28$term)
    );
    top$cells$29 cells$29(
        .x(cells$29$x),
        .code(cells$29$code),
        .term(cells$29$term)
    );
    top$cells$30 cells$30(
        .x(cells$30$x),
        .code(cells$30$code),
        .term(cells$30$term)
    );
    top$cells$31 cells$31(
        .x(cells$31$x),
        .code(cells$31$code),
        .term(cells$31$term)
    );
    top$acc acc(
        .d(acc$d),
        .q(acc$q),
        .clock(acc$clock)
    );
    top$res res(
        .d(res$d),
        .q(res$q),
        .clock(res$clock)
    );
    top$res_v res_v(
        .d(res_v$d),
        .q(res_v$q),
        .clock(res_v$clock)
    );
    
    // Update code
    always @(*) begin
        asm$clock = clock;
        lane$clock = clock;
        waddr$clock = clock;
        penult$clock = clock;
        one_chunk$clock = clock;
        state$clock = clock;
        rchunk$clock = clock;
        rlast$clock = clock;
        raddr$clock = clock;
        codes$clock = clock;
        acc$clock = clock;
        res$clock = clock;
        res_v$clock = clock;
        asm$d = asm$q;
        lane$d = lane$q;
        waddr$d = waddr$q;
        penult$d = penult$q;
        one_chunk$d = one_chunk$q;
        state$d = state$q;
        rchunk$d = rchunk$q;
        rlast$d = rlast$q;
        raddr$d = raddr$q;
        codes$d = codes$q;
        acc$d = acc$q;
        res$d = res$q;
        res_v$d = res_v$q;
        vld$0$clock = clock;
        vld$0$d = vld$0$q;
        lst$0$clock = clock;
        lst$0$d = lst$0$q;
        vld$1$clock = clock;
        vld$1$d = vld$1$q;
        lst$1$clock = clock;
        lst$1$d = lst$1$q;
        vld$2$clock = clock;
        vld$2$d = vld$2$q;
        lst$2$clock = clock;
        lst$2$d = lst$2$q;
        vld$3$clock = clock;
        vld$3$d = vld$3$q;
        lst$3$clock = clock;
        lst$3$d = lst$3$q;
        vld$4$clock = clock;
        vld$4$d = vld$4$q;
        lst$4$clock = clock;
        lst$4$d = lst$4$q;
        vld$5$clock = clock;
        vld$5$d = vld$5$q;
        lst$5$clock = clock;
        lst$5$d = lst$5$q;
        vld$6$clock = clock;
        vld$6$d = vld$6$q;
        lst$6$clock = clock;
        lst$6$d = lst$6$q;
        nodes$0$clock = clock;
        nodes$0$d = nodes$0$q;
        nodes$1$clock = clock;
        nodes$1$d = nodes$1$q;
        nodes$2$clock = clock;
        nodes$2$d = nodes$2$q;
        nodes$3$clock = clock;
        nodes$3$d = nodes$3$q;
        nodes$4$clock = clock;
        nodes$4$d = nodes$4$q;
        nodes$5$clock = clock;
        nodes$5$d = nodes$5$q;
        nodes$6$clock = clock;
        nodes$6$d = nodes$6$q;
        nodes$7$clock = clock;
        nodes$7$d = nodes$7$q;
        nodes$8$clock = clock;
        nodes$8$d = nodes$8$q;
        nodes$9$clock = clock;
        nodes$9$d = nodes$9$q;
        nodes$10$clock = clock;
        nodes$10$d = nodes$10$q;
        nodes$11$clock = clock;
        nodes$11$d = nodes$11$q;
        nodes$12$clock = clock;
        nodes$12$d = nodes$12$q;
        nodes$13$clock = clock;
        nodes$13$d = nodes$13$q;
        nodes$14$clock = clock;
        nodes$14$d = nodes$14$q;
        nodes$15$clock = clock;
        nodes$15$d = nodes$15$q;
        nodes$16$clock = clock;
        nodes$16$d = nodes$16$q;
        nodes$17$clock = clock;
        nodes$17$d = nodes$17$q;
        nodes$18$clock = clock;
        nodes$18$d = nodes$18$q;
        nodes$19$clock = clock;
        nodes$19$d = nodes$19$q;
        nodes$20$clock = clock;
        nodes$20$d = nodes$20$q;
        nodes$21$clock = clock;
        nodes$21$d = nodes$21$q;
        nodes$22$clock = clock;
        nodes$22$d = nodes$22$q;
        nodes$23$clock = clock;
        nodes$23$d = nodes$23$q;
        nodes$24$clock = clock;
        nodes$24$d = nodes$24$q;
        nodes$25$clock = clock;
        nodes$25$d = nodes$25$q;
        nodes$26$clock = clock;
        nodes$26$d = nodes$26$q;
        nodes$27$clock = clock;
        nodes$27$d = nodes$27$q;
        nodes$28$clock = clock;
        nodes$28$d = nodes$28$q;
        nodes$29$clock = clock;
        nodes$29$d = nodes$29$q;
        nodes$30$clock = clock;
        nodes$30$d = nodes$30$q;
        nodes$31$clock = clock;
        nodes$31$d = nodes$31$q;
        nodes$32$clock = clock;
        nodes$32$d = nodes$32$q;
        nodes$33$clock = clock;
        nodes$33$d = nodes$33$q;
        nodes$34$clock = clock;
        nodes$34$d = nodes$34$q;
        nodes$35$clock = clock;
        nodes$35$d = nodes$35$q;
        nodes$36$clock = clock;
        nodes$36$d = nodes$36$q;
        nodes$37$clock = clock;
        nodes$37$d = nodes$37$q;
        nodes$38$clock = clock;
        nodes$38$d = nodes$38$q;
        nodes$39$clock = clock;
        nodes$39$d = nodes$39$q;
        nodes$40$clock = clock;
        nodes$40$d = nodes$40$q;
        nodes$41$clock = clock;
        nodes$41$d = nodes$41$q;
        nodes$42$clock = clock;
        nodes$42$d = nodes$42$q;
        nodes$43$clock = clock;
        nodes$43$d = nodes$43$q;
        nodes$44$clock = clock;
        nodes$44$d = nodes$44$q;
        nodes$45$clock = clock;
        nodes$45$d = nodes$45$q;
        nodes$46$clock = clock;
        nodes$46$d = nodes$46$q;
        nodes$47$clock = clock;
        nodes$47$d = nodes$47$q;
        nodes$48$clock = clock;
        nodes$48$d = nodes$48$q;
        nodes$49$clock = clock;
        nodes$49$d = nodes$49$q;
        nodes$50$clock = clock;
        nodes$50$d = nodes$50$q;
        nodes$51$clock = clock;
        nodes$51$d = nodes$51$q;
        nodes$52$clock = clock;
        nodes$52$d = nodes$52$q;
        nodes$53$clock = clock;
        nodes$53$d = nodes$53$q;
        nodes$54$clock = clock;
        nodes$54$d = nodes$54$q;
        nodes$55$clock = clock;
        nodes$55$d = nodes$55$q;
        nodes$56$clock = clock;
        nodes$56$d = nodes$56$q;
        nodes$57$clock = clock;
        nodes$57$d = nodes$57$q;
        nodes$58$clock = clock;
        nodes$58$d = nodes$58$q;
        nodes$59$clock = clock;
        nodes$59$d = nodes$59$q;
        nodes$60$clock = clock;
        nodes$60$d = nodes$60$q;
        nodes$61$clock = clock;
        nodes$61$d = nodes$61$q;
        nodes$62$clock = clock;
        nodes$62$d = nodes$62$q;
        nodes$63$clock = clock;
        nodes$63$d = nodes$63$q;
        act_ram$read_clock = clock;
        act_ram$write_clock = clock;
        act_ram$write_enable = 1'b0;
        act_ram$write_address = waddr$q[(32'h0)+:(8)];
        act_ram$read_address = raddr$q;
        cells$0$x = act_ram$read_data[(0 * 32'h8)+:(8)];
        cells$0$code = codes$q[(0 * 32'h2)+:(2)];
        cells$1$x = act_ram$read_data[(1 * 32'h8)+:(8)];
        cells$1$code = codes$q[(1 * 32'h2)+:(2)];
        cells$2$x = act_ram$read_data[(2 * 32'h8)+:(8)];
        cells$2$code = codes$q[(2 * 32'h2)+:(2)];
        cells$3$x = act_ram$read_data[(3 * 32'h8)+:(8)];
        cells$3$code = codes$q[(3 * 32'h2)+:(2)];
        cells$4$x = act_ram$read_data[(4 * 32'h8)+:(8)];
        cells$4$code = codes$q[(4 * 32'h2)+:(2)];
        cells$5$x = act_ram$read_data[(5 * 32'h8)+:(8)];
        cells$5$code = codes$q[(5 * 32'h2)+:(2)];
        cells$6$x = act_ram$read_data[(6 * 32'h8)+:(8)];
        cells$6$code = codes$q[(6 * 32'h2)+:(2)];
        cells$7$x = act_ram$read_data[(7 * 32'h8)+:(8)];
        cells$7$code = codes$q[(7 * 32'h2)+:(2)];
        cells$8$x = act_ram$read_data[(8 * 32'h8)+:(8)];
        cells$8$code = codes$q[(8 * 32'h2)+:(2)];
        cells$9$x = act_ram$read_data[(9 * 32'h8)+:(8)];
        cells$9$code = codes$q[(9 * 32'h2)+:(2)];
        cells$10$x = act_ram$read_data[(10 * 32'h8)+:(8)];
        cells$10$code = codes$q[(10 * 32'h2)+:(2)];
        cells$11$x = act_ram$read_data[(11 * 32'h8)+:(8)];
        cells$11$code = codes$q[(11 * 32'h2)+:(2)];
        cells$12$x = act_ram$read_data[(12 * 32'h8)+:(8)];
        cells$12$code = codes$q[(12 * 32'h2)+:(2)];
        cells$13$x = act_ram$read_data[(13 * 32'h8)+:(8)];
        cells$13$code = codes$q[(13 * 32'h2)+:(2)];
        cells$14$x = act_ram$read_data[(14 * 32'h8)+:(8)];
        cells$14$code = codes$q[(14 * 32'h2)+:(2)];
        cells$15$x = act_ram$read_data[(15 * 32'h8)+:(8)];
        cells$15$code = codes$q[(15 * 32'h2)+:(2)];
        cells$16$x = act_ram$read_data[(16 * 32'h8)+:(8)];
        cells$16$code = codes$q[(16 * 32'h2)+:(2)];
        cells$17$x = act_ram$read_data[(17 * 32'h8)+:(8)];
        cells$17$code = codes$q[(17 * 32'h2)+:(2)];
        cells$18$x = act_ram$read_data[(18 * 32'h8)+:(8)];
        cells$18$code = codes$q[(18 * 32'h2)+:(2)];
        cells$19$x = act_ram$read_data[(19 * 32'h8)+:(8)];
        cells$19$code = codes$q[(19 * 32'h2)+:(2)];
        cells$20$x = act_ram$read_data[(20 * 32'h8)+:(8)];
        cells$20$code = codes$q[(20 * 32'h2)+:(2)];
        cells$21$x = act_ram$read_data[(21 * 32'h8)+:(8)];
        cells$21$code = codes$q[(21 * 32'h2)+:(2)];
        cells$22$x = act_ram$read_data[(22 * 32'h8)+:(8)];
        cells$22$code = codes$q[(22 * 32'h2)+:(2)];
        cells$23$x = act_ram$read_data[(23 * 32'h8)+:(8)];
        cells$23$code = codes$q[(23 * 32'h2)+:(2)];
        cells$24$x = act_ram$read_data[(24 * 32'h8)+:(8)];
        cells$24$code = codes$q[(24 * 32'h2)+:(2)];
        cells$25$x = act_ram$read_data[(25 * 32'h8)+:(8)];
        cells$25$code = codes$q[(25 * 32'h2)+:(2)];
        cells$26$x = act_ram$read_data[(26 * 32'h8)+:(8)];
        cells$26$code = codes$q[(26 * 32'h2)+:(2)];
        cells$27$x = act_ram$read_data[(27 * 32'h8)+:(8)];
        cells$27$code = codes$q[(27 * 32'h2)+:(2)];
        cells$28$x = act_ram$read_data[(28 * 32'h8)+:(8)];
        cells$28$code = codes$q[(28 * 32'h2)+:(2)];
        cells$29$x = act_ram$read_data[(29 * 32'h8)+:(8)];
        cells$29$code = codes$q[(29 * 32'h2)+:(2)];
        cells$30$x = act_ram$read_data[(30 * 32'h8)+:(8)];
        cells$30$code = codes$q[(30 * 32'h2)+:(2)];
        cells$31$x = act_ram$read_data[(31 * 32'h8)+:(8)];
        cells$31$code = codes$q[(31 * 32'h2)+:(2)];
        if (nodes$1$q[32'hf]) begin
            root = ((nodes$1$q) & 32'hffffffff) | 64'hffff0000;
        end
        else begin
            root = ((nodes$1$q) & 32'hffffffff);
        end
        row_end = rlast$q;
        adv = ~res_v$q | out_ready;
        busy = 1'b0;
        if (vld$0$q) begin
            busy = 1'b1;
        end
        if (vld$1$q) begin
            busy = 1'b1;
        end
        if (vld$2$q) begin
            busy = 1'b1;
        end
        if (vld$3$q) begin
            busy = 1'b1;
        end
        if (vld$4$q) begin
            busy = 1'b1;
        end
        if (vld$5$q) begin
            busy = 1'b1;
        end
        if (vld$6$q) begin
            busy = 1'b1;
        end
        take_a = (state$q == 32'h0) & ~busy;
        act_ready = take_a;
        byte_in = 32'h0;
        if (state$q == 32'h0) begin
            byte_in = act_data;
        end
        word_in = (asm$q >> 32'h8) | (((byte_in) & 256'hffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff) << top_c);
        act_ram$write_data = word_in;
        if ((take_a & act_valid) | (state$q == 32'h1)) begin
            asm$d = word_in;
            lane$d = lane$q + 32'h1;
            if (lane$q == last_lane_c) begin
                act_ram$write_enable = 1'b1;
                waddr$d = waddr$q + 32'h1;
                lane$d = 32'h0;
                if ((state$q == 32'h1) | act_last) begin
                    state$d = 32'h2;
                    penult$d = ((waddr$q - 32'h1) & 8'hff);
                    one_chunk$d = waddr$q == 32'h0;
                    rlast$d = waddr$q == 32'h0;
                end
            end
            else if ((state$q == 32'h0) & act_last) begin
                state$d = 32'h1;
            end
        end
        take_w = (state$q == 32'h2) & adv;
        wgt_ready = take_w;
        if (res_v$q & out_ready) begin
            res_v$d = 1'b0;
        end
        if (adv) begin
            codes$d = wgt_data;
            vld$0$d = take_w & wgt_valid;
            lst$0$d = row_end;
            if (take_w & wgt_valid) begin
                act_ram$read_address = rchunk$q;
                raddr$d = rchunk$q;
                rchunk$d = rchunk$q + 32'h1;
                rlast$d = rchunk$q == penult$q;
                if (row_end) begin
                    rchunk$d = 32'h0;
                    rlast$d = one_chunk$q;
                end
                if (wgt_last) begin
                    state$d = 32'h0;
                    waddr$d = 32'h0;
                    rchunk$d = 32'h0;
                    rlast$d = 1'b0;
                end
            end
            vld$1$d = vld$0$q;
            lst$1$d = lst$0$q;
            vld$2$d = vld$1$q;
            lst$2$d = lst$1$q;
            vld$3$d = vld$2$q;
            lst$3$d = lst$2$q;
            vld$4$d = vld$3$q;
            lst$4$d = lst$3$q;
            vld$5$d = vld$4$q;
            lst$5$d = lst$4$q;
            vld$6$d = vld$5$q;
            lst$6$d = lst$5$q;
            nodes$32$d = cells$0$term;
            nodes$33$d = cells$1$term;
            nodes$34$d = cells$2$term;
            nodes$35$d = cells$3$term;
            nodes$36$d = cells$4$term;
            nodes$37$d = cells$5$term;
            nodes$38$d = cells$6$term;
            nodes$39$d = cells$7$term;
            nodes$40$d = cells$8$term;
            nodes$41$d = cells$9$term;
            nodes$42$d = cells$10$term;
            nodes$43$d = cells$11$term;
            nodes$44$d = cells$12$term;
            nodes$45$d = cells$13$term;
            nodes$46$d = cells$14$term;
            nodes$47$d = cells$15$term;
            nodes$48$d = cells$16$term;
            nodes$49$d = cells$17$term;
            nodes$50$d = cells$18$term;
            nodes$51$d = cells$19$term;
            nodes$52$d = cells$20$term;
            nodes$53$d = cells$21$term;
            nodes$54$d = cells$22$term;
            nodes$55$d = cells$23$term;
            nodes$56$d = cells$24$term;
            nodes$57$d = cells$25$term;
            nodes$58$d = cells$26$term;
            nodes$59$d = cells$27$term;
            nodes$60$d = cells$28$term;
            nodes$61$d = cells$29$term;
            nodes$62$d = cells$30$term;
            nodes$63$d = cells$31$term;
            nodes$1$d = nodes$2$q + nodes$3$q;
            nodes$2$d = nodes$4$q + nodes$5$q;
            nodes$3$d = nodes$6$q + nodes$7$q;
            nodes$4$d = nodes$8$q + nodes$9$q;
            nodes$5$d = nodes$10$q + nodes$11$q;
            nodes$6$d = nodes$12$q + nodes$13$q;
            nodes$7$d = nodes$14$q + nodes$15$q;
            nodes$8$d = nodes$16$q + nodes$17$q;
            nodes$9$d = nodes$18$q + nodes$19$q;
            nodes$10$d = nodes$20$q + nodes$21$q;
            nodes$11$d = nodes$22$q + nodes$23$q;
            nodes$12$d = nodes$24$q + nodes$25$q;
            nodes$13$d = nodes$26$q + nodes$27$q;
            nodes$14$d = nodes$28$q + nodes$29$q;
            nodes$15$d = nodes$30$q + nodes$31$q;
            nodes$16$d = nodes$32$q + nodes$33$q;
            nodes$17$d = nodes$34$q + nodes$35$q;
            nodes$18$d = nodes$36$q + nodes$37$q;
            nodes$19$d = nodes$38$q + nodes$39$q;
            nodes$20$d = nodes$40$q + nodes$41$q;
            nodes$21$d = nodes$42$q + nodes$43$q;
            nodes$22$d = nodes$44$q + nodes$45$q;
            nodes$23$d = nodes$46$q + nodes$47$q;
            nodes$24$d = nodes$48$q + nodes$49$q;
            nodes$25$d = nodes$50$q + nodes$51$q;
            nodes$26$d = nodes$52$q + nodes$53$q;
            nodes$27$d = nodes$54$q + nodes$55$q;
            nodes$28$d = nodes$56$q + nodes$57$q;
            nodes$29$d = nodes$58$q + nodes$59$q;
            nodes$30$d = nodes$60$q + nodes$61$q;
            nodes$31$d = nodes$62$q + nodes$63$q;
            if (vld$6$q) begin
                acc$d = acc$q + root;
                if (lst$6$q) begin
                    res$d = acc$q + root;
                    res_v$d = 1'b1;
                    acc$d = 32'h0;
                end
            end
        end
        out_data = res$q;
        out_valid = res_v$q;
    end
    
endmodule // top


module top$acc(d,q,clock);
    
    // Module arguments
    input wire  [31:0] d;
    output reg  [31:0] q;
    input wire  clock;
    
    // Update code (custom)
    initial begin
       q = 32'h0;
    end
    
    always @(posedge clock) begin
       q <= d;
    end
          
endmodule // top$acc


module top$act_ram(read_address,read_clock,read_data,write_address,write_clock,write_data,write_enable);
    
    // Module arguments
    input wire  [7:0] read_address;
    input wire  read_clock;
    output reg  [255:0] read_data;
    input wire  [7:0] write_address;
    input wire  write_clock;
    input wire  [255:0] write_data;
    input wire  write_enable;
    
    // Update code (custom)
    reg[255:0] mem[255:0];
    
    
    
    always @(posedge read_clock) begin
       read_data <= mem[read_address];
    end
    
    always @(posedge write_clock) begin
       if (write_enable) begin
          mem[write_address] <= write_data;
       end
    end
                
endmodule // top$act_ram


module top$asm(d,q,clock);
    
    // Module arguments
    input wire  [255:0] d;
    output reg  [255:0] q;
    input wire  clock;
    
    // Update code (custom)
    initial begin
       q = 256'h0;
    end
    
    always @(posedge clock) begin
       q <= d;
    end
          
endmodule // top$asm


module top$cells$0(x,code,term);
    
    // Module arguments
    input wire  [7:0] x;
    input wire  [1:0] code;
    output reg  [15:0] term;
    
    // Local signals
    reg  [15:0] sx;
    
    // Update code
    always @(*) begin
        if (x[32'h7]) begin
            sx = ((x) & 16'hffff) | 32'hff00;
        end
        else begin
            sx = ((x) & 16'hffff);
        end
        term = 32'h0;
        if (code == 32'h1) begin
            term = sx;
        end
        if (code == 32'h2) begin
            term = 32'h0 - sx;
        end
    end
    
endmodule // top$cells$0


module top$cells$1(x,code,term);
    
    // Module arguments
    input wire  [7:0] x;
    input wire  [1:0] code;
    output reg  [15:0] term;
    
    // Local signals
    reg  [15:0] sx;
    
    // Update code
    always @(*) begin
        if (x[32'h7]) begin
            sx = ((x) & 16'hffff) | 32'hff00;
        end
        else begin
            sx = ((x) & 16'hffff);
        end
        term = 32'h0;
        if (code == 32'h1) begin
            term = sx;
        end
        if (code == 32'h2) begin
            term = 32'h0 - sx;
        end
    end
    
endmodule // top$cells$1


module top$cells$10(x,code,term);
    
    // Module arguments
    input wire  [7:0] x;
    input wire  [1:0] code;
    output reg  [15:0] term;
    
    // Local signals
    reg  [15:0] sx;
    
    // Update code
    always @(*) begin
        if (x[32'h7]) begin
            sx = ((x) & 16'hffff) | 32'hff00;
        end
        else begin
            sx = ((x) & 16'hffff);
        end
        term = 32'h0;
        if (code == 32'h1) begin
            term = sx;
        end
        if (code == 32'h2) begin
            term = 32'h0 - sx;
        end
    end
    
endmodule // top$cells$10


module top$cells$11(x,code,term);
    
    // Module arguments
    input wire  [7:0] x;
    input wire  [1:0] code;
    output reg  [15:0] term;
    
    // Local signals
    reg  [15:0] sx;
    
    // Update code
    always @(*) begin
        if (x[32'h7]) begin
            sx = ((x) & 16'hffff) | 32'hff00;
        end
        else begin
            sx = ((x) & 16'hffff);
        end
        term = 32'h0;
        if (code == 32'h1) begin
            term = sx;
        end
        if (code == 32'h2) begin
            term = 32'h0 - sx;
        end
    end
    
endmodule // top$cells$11


module top$cells$12(x,code,term);
    
    // Module arguments
    input wire  [7:0] x;
    input wire  [1:0] code;
    output reg  [15:0] term;
    
    // Local signals
    reg  [15:0] sx;
    
    // Update code
    always @(*) begin
        if (x[32'h7]) begin
            sx = ((x) & 16'hffff) | 32'hff00;
        end
        else begin
            sx = ((x) & 16'hffff);
        end
        term = 32'h0;
        if (code == 32'h1) begin
            term = sx;
        end
        if (code == 32'h2) begin
            term = 32'h0 - sx;
        end
    end
    
endmodule // top$cells$12


module top$cells$13(x,code,term);
    
    // Module arguments
    input wire  [7:0] x;
    input wire  [1:0] code;
    output reg  [15:0] term;
    
    // Local signals
    reg  [15:0] sx;
    
    // Update code
    always @(*) begin
        if (x[32'h7]) begin
            sx = ((x) & 16'hffff) | 32'hff00;
        end
        else begin
            sx = ((x) & 16'hffff);
        end
        term = 32'h0;
        if (code == 32'h1) begin
            term = sx;
        end
        if (code == 32'h2) begin
            term = 32'h0 - sx;
        end
    end
    
endmodule // top$cells$13


module top$cells$14(x,code,term);
    
    // Module arguments
    input wire  [7:0] x;
    input wire  [1:0] code;
    output reg  [15:0] term;
    
    // Local signals
    reg  [15:0] sx;
    
    // Update code
    always @(*) begin
        if (x[32'h7]) begin
            sx = ((x) & 16'hffff) | 32'hff00;
        end
        else begin
            sx = ((x) & 16'hffff);
        end
        term = 32'h0;
        if (code == 32'h1) begin
            term = sx;
        end
        if (code == 32'h2) begin
            term = 32'h0 - sx;
        end
    end
    
endmodule // top$cells$14


module top$cells$15(x,code,term);
    
    // Module arguments
    input wire  [7:0] x;
    input wire  [1:0] code;
    output reg  [15:0] term;
    
    // Local signals
    reg  [15:0] sx;
    
    // Update code
    always @(*) begin
        if (x[32'h7]) begin
            sx = ((x) & 16'hffff) | 32'hff00;
        end
        else begin
            sx = ((x) & 16'hffff);
        end
        term = 32'h0;
        if (code == 32'h1) begin
            term = sx;
        end
        if (code == 32'h2) begin
            term = 32'h0 - sx;
        end
    end
    
endmodule // top$cells$15


module top$cells$16(x,code,term);
    
    // Module arguments
    input wire  [7:0] x;
    input wire  [1:0] code;
    output reg  [15:0] term;
    
    // Local signals
    reg  [15:0] sx;
    
    // Update code
    always @(*) begin
        if (x[32'h7]) begin
            sx = ((x) & 16'hffff) | 32'hff00;
        end
        else begin
            sx = ((x) & 16'hffff);
        end
        term = 32'h0;
        if (code == 32'h1) begin
            term = sx;
        end
        if (code == 32'h2) begin
            term = 32'h0 - sx;
        end
    end
    
endmodule // top$cells$16


module top$cells$17(x,code,term);
    
    // Module arguments
    input wire  [7:0] x;
    input wire  [1:0] code;
    output reg  [15:0] term;
    
    // Local signals
    reg  [15:0] sx;
    
    // Update code
    always @(*) begin
        if (x[32'h7]) begin
            sx = ((x) & 16'hffff) | 32'hff00;
        end
        else begin
            sx = ((x) & 16'hffff);
        end
        term = 32'h0;
        if (code == 32'h1) begin
            term = sx;
        end
        if (code == 32'h2) begin
            term = 32'h0 - sx;
        end
    end
    
endmodule // top$cells$17


module top$cells$18(x,code,term);
    
    // Module arguments
    input wire  [7:0] x;
    input wire  [1:0] code;
    output reg  [15:0] term;
    
    // Local signals
    reg  [15:0] sx;
    
    // Update code
    always @(*) begin
        if (x[32'h7]) begin
            sx = ((x) & 16'hffff) | 32'hff00;
        end
        else begin
            sx = ((x) & 16'hffff);
        end
        term = 32'h0;
        if (code == 32'h1) begin
            term = sx;
        end
        if (code == 32'h2) begin
            term = 32'h0 - sx;
        end
    end
    
endmodule // top$cells$18


module top$cells$19(x,code,term);
    
    // Module arguments
    input wire  [7:0] x;
    input wire  [1:0] code;
    output reg  [15:0] term;
    
    // Local signals
    reg  [15:0] sx;
    
    // Update code
    always @(*) begin
        if (x[32'h7]) begin
            sx = ((x) & 16'hffff) | 32'hff00;
        end
        else begin
            sx = ((x) & 16'hffff);
        end
        term = 32'h0;
        if (code == 32'h1) begin
            term = sx;
        end
        if (code == 32'h2) begin
            term = 32'h0 - sx;
        end
    end
    
endmodule // top$cells$19


module top$cells$2(x,code,term);
    
    // Module arguments
    input wire  [7:0] x;
    input wire  [1:0] code;
    output reg  [15:0] term;
    
    // Local signals
    reg  [15:0] sx;
    
    // Update code
    always @(*) begin
        if (x[32'h7]) begin
            sx = ((x) & 16'hffff) | 32'hff00;
        end
        else begin
            sx = ((x) & 16'hffff);
        end
        term = 32'h0;
        if (code == 32'h1) begin
            term = sx;
        end
        if (code == 32'h2) begin
            term = 32'h0 - sx;
        end
    end
    
endmodule // top$cells$2


module top$cells$20(x,code,term);
    
    // Module arguments
    input wire  [7:0] x;
    input wire  [1:0] code;
    output reg  [15:0] term;
    
    // Local signals
    reg  [15:0] sx;
    
    // Update code
    always @(*) begin
        if (x[32'h7]) begin
            sx = ((x) & 16'hffff) | 32'hff00;
        end
        else begin
            sx = ((x) & 16'hffff);
        end
        term = 32'h0;
        if (code == 32'h1) begin
            term = sx;
        end
        if (code == 32'h2) begin
            term = 32'h0 - sx;
        end
    end
    
endmodule // top$cells$20


module top$cells$21(x,code,term);
    
    // Module arguments
    input wire  [7:0] x;
    input wire  [1:0] code;
    output reg  [15:0] term;
    
    // Local signals
    reg  [15:0] sx;
    
    // Update code
    always @(*) begin
        if (x[32'h7]) begin
            sx = ((x) & 16'hffff) | 32'hff00;
        end
        else begin
            sx = ((x) & 16'hffff);
        end
        term = 32'h0;
        if (code == 32'h1) begin
            term = sx;
        end
        if (code == 32'h2) begin
            term = 32'h0 - sx;
        end
    end
    
endmodule // top$cells$21


module top$cells$22(x,code,term);
    
    // Module arguments
    input wire  [7:0] x;
    input wire  [1:0] code;
    output reg  [15:0] term;
    
    // Local signals
    reg  [15:0] sx;
    
    // Update code
    always @(*) begin
        if (x[32'h7]) begin
            sx = ((x) & 16'hffff) | 32'hff00;
        end
        else begin
            sx = ((x) & 16'hffff);
        end
        term = 32'h0;
        if (code == 32'h1) begin
            term = sx;
        end
        if (code == 32'h2) begin
            term = 32'h0 - sx;
        end
    end
    
endmodule // top$cells$22


module top$cells$23(x,code,term);
    
    // Module arguments
    input wire  [7:0] x;
    input wire  [1:0] code;
    output reg  [15:0] term;
    
    // Local signals
    reg  [15:0] sx;
    
    // Update code
    always @(*) begin
        if (x[32'h7]) begin
            sx = ((x) & 16'hffff) | 32'hff00;
        end
        else begin
            sx = ((x) & 16'hffff);
        end
        term = 32'h0;
        if (code == 32'h1) begin
            term = sx;
        end
        if (code == 32'h2) begin
            term = 32'h0 - sx;
        end
    end
    
endmodule // top$cells$23


module top$cells$24(x,code,term);
    
    // Module arguments
    input wire  [7:0] x;
    input wire  [1:0] code;
    output reg  [15:0] term;
    
    // Local signals
    reg  [15:0] sx;
    
    // Update code
    always @(*) begin
        if (x[32'h7]) begin
            sx = ((x) & 16'hffff) | 32'hff00;
        end
        else begin
            sx = ((x) & 16'hffff);
        end
        term = 32'h0;
        if (code == 32'h1) begin
            term = sx;
        end
        if (code == 32'h2) begin
            term = 32'h0 - sx;
        end
    end
    
endmodule // top$cells$24


module top$cells$25(x,code,term);
    
    // Module arguments
    input wire  [7:0] x;
    input wire  [1:0] code;
    output reg  [15:0] term;
    
    // Local signals
    reg  [15:0] sx;
    
    // Update code
    always @(*) begin
        if (x[32'h7]) begin
            sx = ((x) & 16'hffff) | 32'hff00;
        end
        else begin
            sx = ((x) & 16'hffff);
        end
        term = 32'h0;
        if (code == 32'h1) begin
            term = sx;
        end
        if (code == 32'h2) begin
            term = 32'h0 - sx;
        end
    end
    
endmodule // top$cells$25


module top$cells$26(x,code,term);
    
    // Module arguments
    input wire  [7:0] x;
    input wire  [1:0] code;
    output reg  [15:0] term;
    
    // Local signals
    reg  [15:0] sx;
    
    // Update code
    always @(*) begin
        if (x[32'h7]) begin
            sx = ((x) & 16'hffff) | 32'hff00;
        end
        else begin
            sx = ((x) & 16'hffff);
        end
        term = 32'h0;
        if (code == 32'h1) begin
            term = sx;
        end
        if (code == 32'h2) begin
            term = 32'h0 - sx;
        end
    end
    
endmodule // top$cells$26


module top$cells$27(x,code,term);
    
    // Module arguments
    input wire  [7:0] x;
    input wire  [1:0] code;
    output reg  [15:0] term;
    
    // Local signals
    reg  [15:0] sx;
    
    // Update code
    always @(*) begin
        if (x[32'h7]) begin
            sx = ((x) & 16'hffff) | 32'hff00;
        end
        else begin
            sx = ((x) & 16'hffff);
        end
        term = 32'h0;
        if (code == 32'h1) begin
            term = sx;
        end
        if (code == 32'h2) begin
            term = 32'h0 - sx;
        end
    end
    
endmodule // top$cells$27


module top$cells$28(x,code,term);
    
    // Module arguments
    input wire  [7:0] x;
    input wire  [1:0] code;
    output reg  [15:0] term;
    
    // Local signals
    reg  [15:0] sx;
    
    // Update code
    always @(*) begin
        if (x[32'h7]) begin
            sx = ((x) & 16'hffff) | 32'hff00;
        end
        else begin
            sx = ((x) & 16'hffff);
        end
        term = 32'h0;
        if (code == 32'h1) begin
            term = sx;
        end
        if (code == 32'h2) begin
            term = 32'h0 - sx;
        end
    end
    
endmodule // top$cells$28


module top$cells$29(x,code,term);
    
    // Module arguments
    input wire  [7:0] x;
    input wire  [1:0] code;
    output reg  [15:0] term;
    
    // Local signals
    reg  [15:0] sx;
    
    // Update code
    always @(*) begin
        if (x[32'h7]) begin
            sx = ((x) & 16'hffff) | 32'hff00;
        end
        else begin
            sx = ((x) & 16'hffff);
        end
        term = 32'h0;
        if (code == 32'h1) begin
            term = sx;
        end
        if (code == 32'h2) begin
            term = 32'h0 - sx;
        end
    end
    
endmodule // top$cells$29


module top$cells$3(x,code,term);
    
    // Module arguments
    input wire  [7:0] x;
    input wire  [1:0] code;
    output reg  [15:0] term;
    
    // Local signals
    reg  [15:0] sx;
    
    // Update code
    always @(*) begin
        if (x[32'h7]) begin
            sx = ((x) & 16'hffff) | 32'hff00;
        end
        else begin
            sx = ((x) & 16'hffff);
        end
        term = 32'h0;
        if (code == 32'h1) begin
            term = sx;
        end
        if (code == 32'h2) begin
            term = 32'h0 - sx;
        end
    end
    
endmodule // top$cells$3


module top$cells$30(x,code,term);
    
    // Module arguments
    input wire  [7:0] x;
    input wire  [1:0] code;
    output reg  [15:0] term;
    
    // Local signals
    reg  [15:0] sx;
    
    // Update code
    always @(*) begin
        if (x[32'h7]) begin
            sx = ((x) & 16'hffff) | 32'hff00;
        end
        else begin
            sx = ((x) & 16'hffff);
        end
        term = 32'h0;
        if (code == 32'h1) begin
            term = sx;
        end
        if (code == 32'h2) begin
            term = 32'h0 - sx;
        end
    end
    
endmodule // top$cells$30


module top$cells$31(x,code,term);
    
    // Module arguments
    input wire  [7:0] x;
    input wire  [1:0] code;
    output reg  [15:0] term;
    
    // Local signals
    reg  [15:0] sx;
    
    // Update code
    always @(*) begin
        if (x[32'h7]) begin
            sx = ((x) & 16'hffff) | 32'hff00;
        end
        else begin
            sx = ((x) & 16'hffff);
        end
        term = 32'h0;
        if (code == 32'h1) begin
            term = sx;
        end
        if (code == 32'h2) begin
            term = 32'h0 - sx;
        end
    end
    
endmodule // top$cells$31


module top$cells$4(x,code,term);
    
    // Module arguments
    input wire  [7:0] x;
    input wire  [1:0] code;
    output reg  [15:0] term;
    
    // Local signals
    reg  [15:0] sx;
    
    // Update code
    always @(*) begin
        if (x[32'h7]) begin
            sx = ((x) & 16'hffff) | 32'hff00;
        end
        else begin
            sx = ((x) & 16'hffff);
        end
        term = 32'h0;
        if (code == 32'h1) begin
            term = sx;
        end
        if (code == 32'h2) begin
            term = 32'h0 - sx;
        end
    end
    
endmodule // top$cells$4


module top$cells$5(x,code,term);
    
    // Module arguments
    input wire  [7:0] x;
    input wire  [1:0] code;
    output reg  [15:0] term;
    
    // Local signals
    reg  [15:0] sx;
    
    // Update code
    always @(*) begin
        if (x[32'h7]) begin
            sx = ((x) & 16'hffff) | 32'hff00;
        end
        else begin
            sx = ((x) & 16'hffff);
        end
        term = 32'h0;
        if (code == 32'h1) begin
            term = sx;
        end
        if (code == 32'h2) begin
            term = 32'h0 - sx;
        end
    end
    
endmodule // top$cells$5


module top$cells$6(x,code,term);
    
    // Module arguments
    input wire  [7:0] x;
    input wire  [1:0] code;
    output reg  [15:0] term;
    
    // Local signals
    reg  [15:0] sx;
    
    // Update code
    always @(*) begin
        if (x[32'h7]) begin
            sx = ((x) & 16'hffff) | 32'hff00;
        end
        else begin
            sx = ((x) & 16'hffff);
        end
        term = 32'h0;
        if (code == 32'h1) begin
            term = sx;
        end
        if (code == 32'h2) begin
            term = 32'h0 - sx;
        end
    end
    
endmodule // top$cells$6


module top$cells$7(x,code,term);
    
    // Module arguments
    input wire  [7:0] x;
    input wire  [1:0] code;
    output reg  [15:0] term;
    
    // Local signals
    reg  [15:0] sx;
    
    // Update code
    always @(*) begin
        if (x[32'h7]) begin
            sx = ((x) & 16'hffff) | 32'hff00;
        end
        else begin
            sx = ((x) & 16'hffff);
        end
        term = 32'h0;
        if (code == 32'h1) begin
            term = sx;
        end
        if (code == 32'h2) begin
            term = 32'h0 - sx;
        end
    end
    
endmodule // top$cells$7


module top$cells$8(x,code,term);
    
    // Module arguments
    input wire  [7:0] x;
    input wire  [1:0] code;
    output reg  [15:0] term;
    
    // Local signals
    reg  [15:0] sx;
    
    // Update code
    always @(*) begin
        if (x[32'h7]) begin
            sx = ((x) & 16'hffff) | 32'hff00;
        end
        else begin
            sx = ((x) & 16'hffff);
        end
        term = 32'h0;
        if (code == 32'h1) begin
            term = sx;
        end
        if (code == 32'h2) begin
            term = 32'h0 - sx;
        end
    end
    
endmodule // top$cells$8


module top$cells$9(x,code,term);
    
    // Module arguments
    input wire  [7:0] x;
    input wire  [1:0] code;
    output reg  [15:0] term;
    
    // Local signals
    reg  [15:0] sx;
    
    // Update code
    always @(*) begin
        if (x[32'h7]) begin
            sx = ((x) & 16'hffff) | 32'hff00;
        end
        else begin
            sx = ((x) & 16'hffff);
        end
        term = 32'h0;
        if (code == 32'h1) begin
            term = sx;
        end
        if (code == 32'h2) begin
            term = 32'h0 - sx;
        end
    end
    
endmodule // top$cells$9


module top$codes(d,q,clock);
    
    // Module arguments
    input wire  [63:0] d;
    output reg  [63:0] q;
    input wire  clock;
    
    // Update code (custom)
    initial begin
       q = 64'h0;
    end
    
    always @(posedge clock) begin
       q <= d;
    end
          
endmodule // top$codes


module top$lane(d,q,clock);
    
    // Module arguments
    input wire  [7:0] d;
    output reg  [7:0] q;
    input wire  clock;
    
    // Update code (custom)
    initial begin
       q = 8'h0;
    end
    
    always @(posedge clock) begin
       q <= d;
    end
          
endmodule // top$lane


module top$lst$0(d,q,clock);
    
    // Module arguments
    input wire  d;
    output reg  q;
    input wire  clock;
    
    // Update code (custom)
    initial begin
       q = 1'h0;
    end
    
    always @(posedge clock) begin
       q <= d;
    end
          
endmodule // top$lst$0


module top$lst$1(d,q,clock);
    
    // Module arguments
    input wire  d;
    output reg  q;
    input wire  clock;
    
    // Update code (custom)
    initial begin
       q = 1'h0;
    end
    
    always @(posedge clock) begin
       q <= d;
    end
          
endmodule // top$lst$1


module top$lst$2(d,q,clock);
    
    // Module arguments
    input wire  d;
    output reg  q;
    input wire  clock;
    
    // Update code (custom)
    initial begin
       q = 1'h0;
    end
    
    always @(posedge clock) begin
       q <= d;
    end
          
endmodule // top$lst$2


module top$lst$3(d,q,clock);
    
    // Module arguments
    input wire  d;
    output reg  q;
    input wire  clock;
    
    // Update code (custom)
    initial begin
       q = 1'h0;
    end
    
    always @(posedge clock) begin
       q <= d;
    end
          
endmodule // top$lst$3


module top$lst$4(d,q,clock);
    
    // Module arguments
    input wire  d;
    output reg  q;
    input wire  clock;
    
    // Update code (custom)
    initial begin
       q = 1'h0;
    end
    
    always @(posedge clock) begin
       q <= d;
    end
          
endmodule // top$lst$4


module top$lst$5(d,q,clock);
    
    // Module arguments
    input wire  d;
    output reg  q;
    input wire  clock;
    
    // Update code (custom)
    initial begin
       q = 1'h0;
    end
    
    always @(posedge clock) begin
       q <= d;
    end
          
endmodule // top$lst$5


module top$lst$6(d,q,clock);
    
    // Module arguments
    input wire  d;
    output reg  q;
    input wire  clock;
    
    // Update code (custom)
    initial begin
       q = 1'h0;
    end
    
    always @(posedge clock) begin
       q <= d;
    end
          
endmodule // top$lst$6


module top$nodes$0(d,q,clock);
    
    // Module arguments
    input wire  [15:0] d;
    output reg  [15:0] q;
    input wire  clock;
    
    // Update code (custom)
    initial begin
       q = 16'h0;
    end
    
    always @(posedge clock) begin
       q <= d;
    end
          
endmodule // top$nodes$0


module top$nodes$1(d,q,clock);
    
    // Module arguments
    input wire  [15:0] d;
    output reg  [15:0] q;
    input wire  clock;
    
    // Update code (custom)
    initial begin
       q = 16'h0;
    end
    
    always @(posedge clock) begin
       q <= d;
    end
          
endmodule // top$nodes$1


module top$nodes$10(d,q,clock);
    
    // Module arguments
    input wire  [15:0] d;
    output reg  [15:0] q;
    input wire  clock;
    
    // Update code (custom)
    initial begin
       q = 16'h0;
    end
    
    always @(posedge clock) begin
       q <= d;
    end
          
endmodule // top$nodes$10


module top$nodes$11(d,q,clock);
    
    // Module arguments
    input wire  [15:0] d;
    output reg  [15:0] q;
    input wire  clock;
    
    // Update code (custom)
    initial begin
       q = 16'h0;
    end
    
    always @(posedge clock) begin
       q <= d;
    end
          
endmodule // top$nodes$11


module top$nodes$12(d,q,clock);
    
    // Module arguments
    input wire  [15:0] d;
    output reg  [15:0] q;
    input wire  clock;
    
    // Update code (custom)
    initial begin
       q = 16'h0;
    end
    
    always @(posedge clock) begin
       q <= d;
    end
          
endmodule // top$nodes$12


module top$nodes$13(d,q,clock);
    
    // Module arguments
    input wire  [15:0] d;
    output reg  [15:0] q;
    input wire  clock;
    
    // Update code (custom)
    initial begin
       q = 16'h0;
    end
    
    always @(posedge clock) begin
       q <= d;
    end
          
endmodule // top$nodes$13


module top$nodes$14(d,q,clock);
    
    // Module arguments
    input wire  [15:0] d;
    output reg  [15:0] q;
    input wire  clock;
    
    // Update code (custom)
    initial begin
       q = 16'h0;
    end
    
    always @(posedge clock) begin
       q <= d;
    end
          
endmodule // top$nodes$14


module top$nodes$15(d,q,clock);
    
    // Module arguments
    input wire  [15:0] d;
    output reg  [15:0] q;
    input wire  clock;
    
    // Update code (custom)
    initial begin
       q = 16'h0;
    end
    
    always @(posedge clock) begin
       q <= d;
    end
          
endmodule // top$nodes$15


module top$nodes$16(d,q,clock);
    
    // Module arguments
    input wire  [15:0] d;
    output reg  [15:0] q;
    input wire  clock;
    
    // Update code (custom)
    initial begin
       q = 16'h0;
    end
    
    always @(posedge clock) begin
       q <= d;
    end
          
endmodule // top$nodes$16


module top$nodes$17(d,q,clock);
    
    // Module arguments
    input wire  [15:0] d;
    output reg  [15:0] q;
    input wire  clock;
    
    // Update code (custom)
    initial begin
       q = 16'h0;
    end
    
    always @(posedge clock) begin
       q <= d;
    end
          
endmodule // top$nodes$17


module top$nodes$18(d,q,clock);
    
    // Module arguments
    input wire  [15:0] d;
    output reg  [15:0] q;
    input wire  clock;
    
    // Update code (custom)
    initial begin
       q = 16'h0;
    end
    
    always @(posedge clock) begin
       q <= d;
    end
          
endmodule // top$nodes$18


module top$nodes$19(d,q,clock);
    
    // Module arguments
    input wire  [15:0] d;
    output reg  [15:0] q;
    input wire  clock;
    
    // Update code (custom)
    initial begin
       q = 16'h0;
    end
    
    always @(posedge clock) begin
       q <= d;
    end
          
endmodule // top$nodes$19


module top$nodes$2(d,q,clock);
    
    // Module arguments
    input wire  [15:0] d;
    output reg  [15:0] q;
    input wire  clock;
    
    // Update code (custom)
    initial begin
       q = 16'h0;
    end
    
    always @(posedge clock) begin
       q <= d;
    end
          
endmodule // top$nodes$2


module top$nodes$20(d,q,clock);
    
    // Module arguments
    input wire  [15:0] d;
    output reg  [15:0] q;
    input wire  clock;
    
    // Update code (custom)
    initial begin
       q = 16'h0;
    end
    
    always @(posedge clock) begin
       q <= d;
    end
          
endmodule // top$nodes$20


module top$nodes$21(d,q,clock);
    
    // Module arguments
    input wire  [15:0] d;
    output reg  [15:0] q;
    input wire  clock;
    
    // Update code (custom)
    initial begin
       q = 16'h0;
    end
    
    always @(posedge clock) begin
       q <= d;
    end
          
endmodule // top$nodes$21


module top$nodes$22(d,q,clock);
    
    // Module arguments
    input wire  [15:0] d;
    output reg  [15:0] q;
    input wire  clock;
    
    // Update code (custom)
    initial begin
       q = 16'h0;
    end
    
    always @(posedge clock) begin
       q <= d;
    end
          
endmodule // top$nodes$22


module top$nodes$23(d,q,clock);
    
    // Module arguments
    input wire  [15:0] d;
    output reg  [15:0] q;
    input wire  clock;
    
    // Update code (custom)
    initial begin
       q = 16'h0;
    end
    
    always @(posedge clock) begin
       q <= d;
    end
          
endmodule // top$nodes$23


module top$nodes$24(d,q,clock);
    
    // Module arguments
    input wire  [15:0] d;
    output reg  [15:0] q;
    input wire  clock;
    
    // Update code (custom)
    initial begin
       q = 16'h0;
    end
    
    always @(posedge clock) begin
       q <= d;
    end
          
endmodule // top$nodes$24


module top$nodes$25(d,q,clock);
    
    // Module arguments
    input wire  [15:0] d;
    output reg  [15:0] q;
    input wire  clock;
    
    // Update code (custom)
    initial begin
       q = 16'h0;
    end
    
    always @(posedge clock) begin
       q <= d;
    end
          
endmodule // top$nodes$25


module top$nodes$26(d,q,clock);
    
    // Module arguments
    input wire  [15:0] d;
    output reg  [15:0] q;
    input wire  clock;
    
    // Update code (custom)
    initial begin
       q = 16'h0;
    end
    
    always @(posedge clock) begin
       q <= d;
    end
          
endmodule // top$nodes$26


module top$nodes$27(d,q,clock);
    
    // Module arguments
    input wire  [15:0] d;
    output reg  [15:0] q;
    input wire  clock;
    
    // Update code (custom)
    initial begin
       q = 16'h0;
    end
    
    always @(posedge clock) begin
       q <= d;
    end
          
endmodule // top$nodes$27


module top$nodes$28(d,q,clock);
    
    // Module arguments
    input wire  [15:0] d;
    output reg  [15:0] q;
    input wire  clock;
    
    // Update code (custom)
    initial begin
       q = 16'h0;
    end
    
    always @(posedge clock) begin
       q <= d;
    end
          
endmodule // top$nodes$28


module top$nodes$29(d,q,clock);
    
    // Module arguments
    input wire  [15:0] d;
    output reg  [15:0] q;
    input wire  clock;
    
    // Update code (custom)
    initial begin
       q = 16'h0;
    end
    
    always @(posedge clock) begin
       q <= d;
    end
          
endmodule // top$nodes$29


module top$nodes$3(d,q,clock);
    
    // Module arguments
    input wire  [15:0] d;
    output reg  [15:0] q;
    input wire  clock;
    
    // Update code (custom)
    initial begin
       q = 16'h0;
    end
    
    always @(posedge clock) begin
       q <= d;
    end
          
endmodule // top$nodes$3


module top$nodes$30(d,q,clock);
    
    // Module arguments
    input wire  [15:0] d;
    output reg  [15:0] q;
    input wire  clock;
    
    // Update code (custom)
    initial begin
       q = 16'h0;
    end
    
    always @(posedge clock) begin
       q <= d;
    end
          
endmodule // top$nodes$30


module top$nodes$31(d,q,clock);
    
    // Module arguments
    input wire  [15:0] d;
    output reg  [15:0] q;
    input wire  clock;
    
    // Update code (custom)
    initial begin
       q = 16'h0;
    end
    
    always @(posedge clock) begin
       q <= d;
    end
          
endmodule // top$nodes$31


module top$nodes$32(d,q,clock);
    
    // Module arguments
    input wire  [15:0] d;
    output reg  [15:0] q;
    input wire  clock;
    
    // Update code (custom)
    initial begin
       q = 16'h0;
    end
    
    always @(posedge clock) begin
       q <= d;
    end
          
endmodule // top$nodes$32


module top$nodes$33(d,q,clock);
    
    // Module arguments
    input wire  [15:0] d;
    output reg  [15:0] q;
    input wire  clock;
    
    // Update code (custom)
    initial begin
       q = 16'h0;
    end
    
    always @(posedge clock) begin
       q <= d;
    end
          
endmodule // top$nodes$33


module top$nodes$34(d,q,clock);
    
    // Module arguments
    input wire  [15:0] d;
    output reg  [15:0] q;
    input wire  clock;
    
    // Update code (custom)
    initial begin
       q = 16'h0;
    end
    
    always @(posedge clock) begin
       q <= d;
    end
          
endmodule // top$nodes$34


module top$nodes$35(d,q,clock);
    
    // Module arguments
    input wire  [15:0] d;
    output reg  [15:0] q;
    input wire  clock;
    
    // Update code (custom)
    initial begin
       q = 16'h0;
    end
    
    always @(posedge clock) begin
       q <= d;
    end
          
endmodule // top$nodes$35


module top$nodes$36(d,q,clock);
    
    // Module arguments
    input wire  [15:0] d;
    output reg  [15:0] q;
    input wire  clock;
    
    // Update code (custom)
    initial begin
       q = 16'h0;
    end
    
    always @(posedge clock) begin
       q <= d;
    end
          
endmodule // top$nodes$36


module top$nodes$37(d,q,clock);
    
    // Module arguments
    input wire  [15:0] d;
    output reg  [15:0] q;
    input wire  clock;
    
    // Update code (custom)
    initial begin
       q = 16'h0;
    end
    
    always @(posedge clock) begin
       q <= d;
    end
          
endmodule // top$nodes$37


module top$nodes$38(d,q,clock);
    
    // Module arguments
    input wire  [15:0] d;
    output reg  [15:0] q;
    input wire  clock;
    
    // Update code (custom)
    initial begin
       q = 16'h0;
    end
    
    always @(posedge clock) begin
       q <= d;
    end
          
endmodule // top$nodes$38


module top$nodes$39(d,q,clock);
    
    // Module arguments
    input wire  [15:0] d;
    output reg  [15:0] q;
    input wire  clock;
    
    // Update code (custom)
    initial begin
       q = 16'h0;
    end
    
    always @(posedge clock) begin
       q <= d;
    end
          
endmodule // top$nodes$39


module top$nodes$4(d,q,clock);
    
    // Module arguments
    input wire  [15:0] d;
    output reg  [15:0] q;
    input wire  clock;
    
    // Update code (custom)
    initial begin
       q = 16'h0;
    end
    
    always @(posedge clock) begin
       q <= d;
    end
          
endmodule // top$nodes$4


module top$nodes$40(d,q,clock);
    
    // Module arguments
    input wire  [15:0] d;
    output reg  [15:0] q;
    input wire  clock;
    
    // Update code (custom)
    initial begin
       q = 16'h0;
    end
    
    always @(posedge clock) begin
       q <= d;
    end
          
endmodule // top$nodes$40


module top$nodes$41(d,q,clock);
    
    // Module arguments
    input wire  [15:0] d;
    output reg  [15:0] q;
    input wire  clock;
    
    // Update code (custom)
    initial begin
       q = 16'h0;
    end
    
    always @(posedge clock) begin
       q <= d;
    end
          
endmodule // top$nodes$41


module top$nodes$42(d,q,clock);
    
    // Module arguments
    input wire  [15:0] d;
    output reg  [15:0] q;
    input wire  clock;
    
    // Update code (custom)
    initial begin
       q = 16'h0;
    end
    
    always @(posedge clock) begin
       q <= d;
    end
          
endmodule // top$nodes$42


module top$nodes$43(d,q,clock);
    
    // Module arguments
    input wire  [15:0] d;
    output reg  [15:0] q;
    input wire  clock;
    
    // Update code (custom)
    initial begin
       q = 16'h0;
    end
    
    always @(posedge clock) begin
       q <= d;
    end
          
endmodule // top$nodes$43


module top$nodes$44(d,q,clock);
    
    // Module arguments
    input wire  [15:0] d;
    output reg  [15:0] q;
    input wire  clock;
    
    // Update code (custom)
    initial begin
       q = 16'h0;
    end
    
    always @(posedge clock) begin
       q <= d;
    end
          
endmodule // top$nodes$44


module top$nodes$45(d,q,clock);
    
    // Module arguments
    input wire  [15:0] d;
    output reg  [15:0] q;
    input wire  clock;
    
    // Update code (custom)
    initial begin
       q = 16'h0;
    end
    
    always @(posedge clock) begin
       q <= d;
    end
          
endmodule // top$nodes$45


module top$nodes$46(d,q,clock);
    
    // Module arguments
    input wire  [15:0] d;
    output reg  [15:0] q;
    input wire  clock;
    
    // Update code (custom)
    initial begin
       q = 16'h0;
    end
    
    always @(posedge clock) begin
       q <= d;
    end
          
endmodule // top$nodes$46


module top$nodes$47(d,q,clock);
    
    // Module arguments
    input wire  [15:0] d;
    output reg  [15:0] q;
    input wire  clock;
    
    // Update code (custom)
    initial begin
       q = 16'h0;
    end
    
    always @(posedge clock) begin
       q <= d;
    end
          
endmodule // top$nodes$47


module top$nodes$48(d,q,clock);
    
    // Module arguments
    input wire  [15:0] d;
    output reg  [15:0] q;
    input wire  clock;
    
    // Update code (custom)
    initial begin
       q = 16'h0;
    end
    
    always @(posedge clock) begin
       q <= d;
    end
          
endmodule // top$nodes$48


module top$nodes$49(d,q,clock);
    
    // Module arguments
    input wire  [15:0] d;
    output reg  [15:0] q;
    input wire  clock;
    
    // Update code (custom)
    initial begin
       q = 16'h0;
    end
    
    always @(posedge clock) begin
       q <= d;
    end
          
endmodule // top$nodes$49


module top$nodes$5(d,q,clock);
    
    // Module arguments
    input wire  [15:0] d;
    output reg  [15:0] q;
    input wire  clock;
    
    // Update code (custom)
    initial begin
       q = 16'h0;
    end
    
    always @(posedge clock) begin
       q <= d;
    end
          
endmodule // top$nodes$5


module top$nodes$50(d,q,clock);
    
    // Module arguments
    input wire  [15:0] d;
    output reg  [15:0] q;
    input wire  clock;
    
    // Update code (custom)
    initial begin
       q = 16'h0;
    end
    
    always @(posedge clock) begin
       q <= d;
    end
          
endmodule // top$nodes$50


module top$nodes$51(d,q,clock);
    
    // Module arguments
    input wire  [15:0] d;
    output reg  [15:0] q;
    input wire  clock;
    
    // Update code (custom)
    initial begin
       q = 16'h0;
    end
    
    always @(posedge clock) begin
       q <= d;
    end
          
endmodule // top$nodes$51


module top$nodes$52(d,q,clock);
    
    // Module arguments
    input wire  [15:0] d;
    output reg  [15:0] q;
    input wire  clock;
    
    // Update code (custom)
    initial begin
       q = 16'h0;
    end
    
    always @(posedge clock) begin
       q <= d;
    end
          
endmodule // top$nodes$52


module top$nodes$53(d,q,clock);
    
    // Module arguments
    input wire  [15:0] d;
    output reg  [15:0] q;
    input wire  clock;
    
    // Update code (custom)
    initial begin
       q = 16'h0;
    end
    
    always @(posedge clock) begin
       q <= d;
    end
          
endmodule // top$nodes$53


module top$nodes$54(d,q,clock);
    
    // Module arguments
    input wire  [15:0] d;
    output reg  [15:0] q;
    input wire  clock;
    
    // Update code (custom)
    initial begin
       q = 16'h0;
    end
    
    always @(posedge clock) begin
       q <= d;
    end
          
endmodule // top$nodes$54


module top$nodes$55(d,q,clock);
    
    // Module arguments
    input wire  [15:0] d;
    output reg  [15:0] q;
    input wire  clock;
    
    // Update code (custom)
    initial begin
       q = 16'h0;
    end
    
    always @(posedge clock) begin
       q <= d;
    end
          
endmodule // top$nodes$55


module top$nodes$56(d,q,clock);
    
    // Module arguments
    input wire  [15:0] d;
    output reg  [15:0] q;
    input wire  clock;
    
    // Update code (custom)
    initial begin
       q = 16'h0;
    end
    
    always @(posedge clock) begin
       q <= d;
    end
          
endmodule // top$nodes$56


module top$nodes$57(d,q,clock);
    
    // Module arguments
    input wire  [15:0] d;
    output reg  [15:0] q;
    input wire  clock;
    
    // Update code (custom)
    initial begin
       q = 16'h0;
    end
    
    always @(posedge clock) begin
       q <= d;
    end
          
endmodule // top$nodes$57


module top$nodes$58(d,q,clock);
    
    // Module arguments
    input wire  [15:0] d;
    output reg  [15:0] q;
    input wire  clock;
    
    // Update code (custom)
    initial begin
       q = 16'h0;
    end
    
    always @(posedge clock) begin
       q <= d;
    end
          
endmodule // top$nodes$58


module top$nodes$59(d,q,clock);
    
    // Module arguments
    input wire  [15:0] d;
    output reg  [15:0] q;
    input wire  clock;
    
    // Update code (custom)
    initial begin
       q = 16'h0;
    end
    
    always @(posedge clock) begin
       q <= d;
    end
          
endmodule // top$nodes$59


module top$nodes$6(d,q,clock);
    
    // Module arguments
    input wire  [15:0] d;
    output reg  [15:0] q;
    input wire  clock;
    
    // Update code (custom)
    initial begin
       q = 16'h0;
    end
    
    always @(posedge clock) begin
       q <= d;
    end
          
endmodule // top$nodes$6


module top$nodes$60(d,q,clock);
    
    // Module arguments
    input wire  [15:0] d;
    output reg  [15:0] q;
    input wire  clock;
    
    // Update code (custom)
    initial begin
       q = 16'h0;
    end
    
    always @(posedge clock) begin
       q <= d;
    end
          
endmodule // top$nodes$60


module top$nodes$61(d,q,clock);
    
    // Module arguments
    input wire  [15:0] d;
    output reg  [15:0] q;
    input wire  clock;
    
    // Update code (custom)
    initial begin
       q = 16'h0;
    end
    
    always @(posedge clock) begin
       q <= d;
    end
          
endmodule // top$nodes$61


module top$nodes$62(d,q,clock);
    
    // Module arguments
    input wire  [15:0] d;
    output reg  [15:0] q;
    input wire  clock;
    
    // Update code (custom)
    initial begin
       q = 16'h0;
    end
    
    always @(posedge clock) begin
       q <= d;
    end
          
endmodule // top$nodes$62


module top$nodes$63(d,q,clock);
    
    // Module arguments
    input wire  [15:0] d;
    output reg  [15:0] q;
    input wire  clock;
    
    // Update code (custom)
    initial begin
       q = 16'h0;
    end
    
    always @(posedge clock) begin
       q <= d;
    end
          
endmodule // top$nodes$63


module top$nodes$7(d,q,clock);
    
    // Module arguments
    input wire  [15:0] d;
    output reg  [15:0] q;
    input wire  clock;
    
    // Update code (custom)
    initial begin
       q = 16'h0;
    end
    
    always @(posedge clock) begin
       q <= d;
    end
          
endmodule // top$nodes$7


module top$nodes$8(d,q,clock);
    
    // Module arguments
    input wire  [15:0] d;
    output reg  [15:0] q;
    input wire  clock;
    
    // Update code (custom)
    initial begin
       q = 16'h0;
    end
    
    always @(posedge clock) begin
       q <= d;
    end
          
endmodule // top$nodes$8


module top$nodes$9(d,q,clock);
    
    // Module arguments
    input wire  [15:0] d;
    output reg  [15:0] q;
    input wire  clock;
    
    // Update code (custom)
    initial begin
       q = 16'h0;
    end
    
    always @(posedge clock) begin
       q <= d;
    end
          
endmodule // top$nodes$9


module top$one_chunk(d,q,clock);
    
    // Module arguments
    input wire  d;
    output reg  q;
    input wire  clock;
    
    // Update code (custom)
    initial begin
       q = 1'h0;
    end
    
    always @(posedge clock) begin
       q <= d;
    end
          
endmodule // top$one_chunk


module top$penult(d,q,clock);
    
    // Module arguments
    input wire  [7:0] d;
    output reg  [7:0] q;
    input wire  clock;
    
    // Update code (custom)
    initial begin
       q = 8'h0;
    end
    
    always @(posedge clock) begin
       q <= d;
    end
          
endmodule // top$penult


module top$raddr(d,q,clock);
    
    // Module arguments
    input wire  [7:0] d;
    output reg  [7:0] q;
    input wire  clock;
    
    // Update code (custom)
    initial begin
       q = 8'h0;
    end
    
    always @(posedge clock) begin
       q <= d;
    end
          
endmodule // top$raddr


module top$rchunk(d,q,clock);
    
    // Module arguments
    input wire  [7:0] d;
    output reg  [7:0] q;
    input wire  clock;
    
    // Update code (custom)
    initial begin
       q = 8'h0;
    end
    
    always @(posedge clock) begin
       q <= d;
    end
          
endmodule // top$rchunk


module top$res(d,q,clock);
    
    // Module arguments
    input wire  [31:0] d;
    output reg  [31:0] q;
    input wire  clock;
    
    // Update code (custom)
    initial begin
       q = 32'h0;
    end
    
    always @(posedge clock) begin
       q <= d;
    end
          
endmodule // top$res


module top$res_v(d,q,clock);
    
    // Module arguments
    input wire  d;
    output reg  q;
    input wire  clock;
    
    // Update code (custom)
    initial begin
       q = 1'h0;
    end
    
    always @(posedge clock) begin
       q <= d;
    end
          
endmodule // top$res_v


module top$rlast(d,q,clock);
    
    // Module arguments
    input wire  d;
    output reg  q;
    input wire  clock;
    
    // Update code (custom)
    initial begin
       q = 1'h0;
    end
    
    always @(posedge clock) begin
       q <= d;
    end
          
endmodule // top$rlast


module top$state(d,q,clock);
    
    // Module arguments
    input wire  [1:0] d;
    output reg  [1:0] q;
    input wire  clock;
    
    // Update code (custom)
    initial begin
       q = 2'h0;
    end
    
    always @(posedge clock) begin
       q <= d;
    end
          
endmodule // top$state


module top$vld$0(d,q,clock);
    
    // Module arguments
    input wire  d;
    output reg  q;
    input wire  clock;
    
    // Update code (custom)
    initial begin
       q = 1'h0;
    end
    
    always @(posedge clock) begin
       q <= d;
    end
          
endmodule // top$vld$0


module top$vld$1(d,q,clock);
    
    // Module arguments
    input wire  d;
    output reg  q;
    input wire  clock;
    
    // Update code (custom)
    initial begin
       q = 1'h0;
    end
    
    always @(posedge clock) begin
       q <= d;
    end
          
endmodule // top$vld$1


module top$vld$2(d,q,clock);
    
    // Module arguments
    input wire  d;
    output reg  q;
    input wire  clock;
    
    // Update code (custom)
    initial begin
       q = 1'h0;
    end
    
    always @(posedge clock) begin
       q <= d;
    end
          
endmodule // top$vld$2


module top$vld$3(d,q,clock);
    
    // Module arguments
    input wire  d;
    output reg  q;
    input wire  clock;
    
    // Update code (custom)
    initial begin
       q = 1'h0;
    end
    
    always @(posedge clock) begin
       q <= d;
    end
          
endmodule // top$vld$3


module top$vld$4(d,q,clock);
    
    // Module arguments
    input wire  d;
    output reg  q;
    input wire  clock;
    
    // Update code (custom)
    initial begin
       q = 1'h0;
    end
    
    always @(posedge clock) begin
       q <= d;
    end
          
endmodule // top$vld$4


module top$vld$5(d,q,clock);
    
    // Module arguments
    input wire  d;
    output reg  q;
    input wire  clock;
    
    // Update code (custom)
    initial begin
       q = 1'h0;
    end
    
    always @(posedge clock) begin
       q <= d;
    end
          
endmodule // top$vld$5


module top$vld$6(d,q,clock);
    
    // Module arguments
    input wire  d;
    output reg  q;
    input wire  clock;
    
    // Update code (custom)
    initial begin
       q = 1'h0;
    end
    
    always @(posedge clock) begin
       q <= d;
    end
          
endmodule // top$vld$6


module top$waddr(d,q,clock);
    
    // Module arguments
    input wire  [15:0] d;
    output reg  [15:0] q;
    input wire  clock;
    
    // Update code (custom)
    initial begin
       q = 16'h0;
    end
    
    always @(posedge clock) begin
       q <= d;
    end
          
endmodule // top$waddr
