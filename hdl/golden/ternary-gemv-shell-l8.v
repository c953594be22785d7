

module top(clock,in_data,in_kind,in_valid,in_ready,out_data,out_valid,out_ready);
    
    // Module arguments
    input wire  clock;
    input wire  [7:0] in_data;
    input wire  [1:0] in_kind;
    input wire  in_valid;
    output reg  in_ready;
    output reg  [7:0] out_data;
    output reg  out_valid;
    input wire  out_ready;
    
    // Constant declarations
    localparam  wtop_c = 16'h8;
    localparam  wbytes_c = 8'h1;
    
    // Stub signals
    reg  core$clock;
    reg  [7:0] core$act_data;
    reg  core$act_valid;
    reg  core$act_last;
    wire  core$act_ready;
    reg  [15:0] core$wgt_data;
    reg  core$wgt_valid;
    reg  core$wgt_last;
    wire  core$wgt_ready;
    wire  [31:0] core$out_data;
    wire  core$out_valid;
    reg  core$out_ready;
    reg  [15:0] wbuf$d;
    wire  [15:0] wbuf$q;
    reg  wbuf$clock;
    reg  [7:0] wcount$d;
    wire  [7:0] wcount$q;
    reg  wcount$clock;
    reg  wfull$d;
    wire  wfull$q;
    reg  wfull$clock;
    reg  wlast$d;
    wire  wlast$q;
    reg  wlast$clock;
    reg  [31:0] obuf$d;
    wire  [31:0] obuf$q;
    reg  obuf$clock;
    reg  [1:0] ocount$d;
    wire  [1:0] ocount$q;
    reg  ocount$clock;
    reg  ofull$d;
    wire  ofull$q;
    reg  ofull$clock;
    
    // Sub module instances
    top$core core(
        .clock(core$clock),
        .act_data(core$act_data),
        .act_valid(core$act_valid),
        .act_last(core$act_last),
        .act_ready(core$act_ready),
        .wgt_data(core$wgt_data),
        .wgt_valid(core$wgt_valid),
        .wgt_last(core$wgt_last),
        .wgt_ready(core$wgt_ready),
        .out_data(core$out_data),
        .out_valid(core$out_valid),
        .out_ready(core$out_ready)
    );
    top$wbuf wbuf(
        .d(wbuf$d),
        .q(wbuf$q),
        .clock(wbuf$clock)
    );
    top$wcount wcount(
        .d(wcount$d),
        .q(wcount$q),
        .clock(wcount$clock)
    );
    top$wfull wfull(
        .d(wfull$d),
        .q(wfull$q),
        .clock(wfull$clock)
    );
    top$wlast wlast(
        .d(wlast$d),
        .q(wlast$q),
        .clock(wlast$clock)
    );
    top$obuf obuf(
        .d(obuf$d),
        .q(obuf$q),
        .clock(obuf$clock)
    );
    top$ocount ocount(
        .d(ocount$d),
        .q(ocount$q),
        .clock(ocount$clock)
    );
    top$ofull ofull(
        .d(ofull$d),
        .q(ofull$q),
        .clock(ofull$clock)
    );
    
    // Update code
    always @(*) begin
        wbuf$clock = clock;
        wcount$clock = clock;
        wfull$clock = clock;
        wlast$clock = clock;
        obuf$clock = clock;
        ocount$clock = clock;
        ofull$clock = clock;
        wbuf$d = wbuf$q;
        wcount$d = wcount$q;
        wfull$d = wfull$q;
        wlast$d = wlast$q;
        obuf$d = obuf$q;
        ocount$d = ocount$q;
        ofull$d = ofull$q;
        core$clock = clock;
        core$act_data = in_data;
        core$act_last = in_kind == 32'h1;
        core$act_valid = in_valid & ~in_kind[32'h1];
        in_ready = core$act_ready;
        if (in_kind[32'h1]) begin
            in_ready = ~wfull$q;
            if (in_valid & ~wfull$q) begin
                wbuf$d = (wbuf$q >> 32'h8) | (((in_data) & 16'hffff) << wtop_c);
                wcount$d = wcount$q + 32'h1;
                if (wcount$q == wbytes_c) begin
                    wcount$d = 32'h0;
                    wfull$d = 1'b1;
                    wlast$d = in_kind == 32'h3;
                end
            end
        end
        core$wgt_data = wbuf$q;
        core$wgt_valid = wfull$q;
        core$wgt_last = wlast$q;
        if (wfull$q & core$wgt_ready) begin
            wfull$d = 1'b0;
        end
        core$out_ready = ~ofull$q;
        out_data = obuf$q[(32'h0)+:(8)];
        out_valid = ofull$q;
        if (ofull$q & out_ready) begin
            obuf$d = obuf$q >> 32'h8;
            ocount$d = ocount$q + 32'h1;
            if (ocount$q == 32'h3) begin
                ofull$d = 1'b0;
            end
        end
        if (~ofull$q & core$out_valid) begin
            obuf$d = core$out_data;
            ofull$d = 1'b1;
            ocount$d = 32'h0;
        end
    end
    
endmodule // top


module top$core(clock,act_data,act_valid,act_last,act_ready,wgt_data,wgt_valid,wgt_last,wgt_ready,out_data,out_valid,out_ready);
    
    // Module arguments
    input wire  clock;
    input wire  [7:0] act_data;
    input wire  act_valid;
    input wire  act_last;
    output reg  act_ready;
    input wire  [15:0] wgt_data;
    input wire  wgt_valid;
    input wire  wgt_last;
    output reg  wgt_ready;
    output reg  [31:0] out_data;
    output reg  out_valid;
    input wire  out_ready;
    
    // Constant declarations
    localparam  accmask_c = 32'h7ffff;
    localparam  accsign_c = 32'h80000;
    localparam  penult_lane_c = 8'h6;
    localparam  lane0_c = 8'h1;
    localparam  direct_c = 1'b0;
    
    // Stub signals
    reg  [7:0] act_ram$read_address;
    reg  act_ram$read_clock;
    wire  [63:0] act_ram$read_data;
    reg  [7:0] act_ram$write_address;
    reg  act_ram$write_clock;
    reg  [7:0] act_ram$write_mask;
    reg  [7:0] act_ram$write_byte;
    reg  [63:0] xr$d;
    wire  [63:0] xr$q;
    reg  xr$clock;
    reg  [7:0] lane$d;
    wire  [7:0] lane$q;
    reg  lane$clock;
    reg  lane_end$d;
    wire  lane_end$q;
    reg  lane_end$clock;
    reg  [15:0] waddr$d;
    wire  [15:0] waddr$q;
    reg  waddr$clock;
    reg  [7:0] wr_mask$d;
    wire  [7:0] wr_mask$q;
    reg  wr_mask$clock;
    reg  [7:0] wr_addr$d;
    wire  [7:0] wr_addr$q;
    reg  wr_addr$clock;
    reg  [7:0] wr_byte$d;
    wire  [7:0] wr_byte$q;
    reg  wr_byte$clock;
    reg  [7:0] penult$d;
    wire  [7:0] penult$q;
    reg  penult$clock;
    reg  one_chunk$d;
    wire  one_chunk$q;
    reg  one_chunk$clock;
    reg  [2:0] state$d;
    wire  [2:0] state$q;
    reg  state$clock;
    reg  rlast$d;
    wire  rlast$q;
    reg  rlast$clock;
    reg  nlast$d;
    wire  nlast$q;
    reg  nlast$clock;
    reg  [7:0] raddr$d;
    wire  [7:0] raddr$q;
    reg  raddr$clock;
    reg  [15:0] wb$d;
    wire  [15:0] wb$q;
    reg  wb$clock;
    reg  wb_v$d;
    wire  wb_v$q;
    reg  wb_v$clock;
    reg  wb_last$d;
    wire  wb_last$q;
    reg  wb_last$clock;
    reg  wopen$d;
    wire  wopen$q;
    reg  wopen$clock;
    reg  run$d;
    wire  run$q;
    reg  run$clock;
    reg  shift$d;
    wire  shift$q;
    reg  shift$clock;
    reg  hold$d;
    wire  hold$q;
    reg  hold$clock;
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
    reg  cells$0$clock;
    reg  cells$0$en;
    reg  [7:0] cells$0$x;
    reg  [1:0] cells$0$code;
    wire  [7:0] cells$0$term;
    wire  cells$0$neg;
    reg  cells$1$clock;
    reg  cells$1$en;
    reg  [7:0] cells$1$x;
    reg  [1:0] cells$1$code;
    wire  [7:0] cells$1$term;
    wire  cells$1$neg;
    reg  cells$2$clock;
    reg  cells$2$en;
    reg  [7:0] cells$2$x;
    reg  [1:0] cells$2$code;
    wire  [7:0] cells$2$term;
    wire  cells$2$neg;
    reg  cells$3$clock;
    reg  cells$3$en;
    reg  [7:0] cells$3$x;
    reg  [1:0] cells$3$code;
    wire  [7:0] cells$3$term;
    wire  cells$3$neg;
    reg  cells$4$clock;
    reg  cells$4$en;
    reg  [7:0] cells$4$x;
    reg  [1:0] cells$4$code;
    wire  [7:0] cells$4$term;
    wire  cells$4$neg;
    reg  cells$5$clock;
    reg  cells$5$en;
    reg  [7:0] cells$5$x;
    reg  [1:0] cells$5$code;
    wire  [7:0] cells$5$term;
    wire  cells$5$neg;
    reg  cells$6$clock;
    reg  cells$6$en;
    reg  [7:0] cells$6$x;
    reg  [1:0] cells$6$code;
    wire  [7:0] cells$6$term;
    wire  cells$6$neg;
    reg  cells$7$clock;
    reg  cells$7$en;
    reg  [7:0] cells$7$x;
    reg  [1:0] cells$7$code;
    wire  [7:0] cells$7$term;
    wire  cells$7$neg;
    reg  t1$0$clock;
    reg  t1$0$en;
    reg  [7:0] t1$0$a;
    reg  [7:0] t1$0$b;
    reg  t1$0$cin;
    reg  t1$0$pin;
    wire  [8:0] t1$0$sum;
    wire  t1$0$carry;
    wire  [31:0] t1$0$wide;
    reg  t1$1$clock;
    reg  t1$1$en;
    reg  [7:0] t1$1$a;
    reg  [7:0] t1$1$b;
    reg  t1$1$cin;
    reg  t1$1$pin;
    wire  [8:0] t1$1$sum;
    wire  t1$1$carry;
    wire  [31:0] t1$1$wide;
    reg  t1$2$clock;
    reg  t1$2$en;
    reg  [7:0] t1$2$a;
    reg  [7:0] t1$2$b;
    reg  t1$2$cin;
    reg  t1$2$pin;
    wire  [8:0] t1$2$sum;
    wire  t1$2$carry;
    wire  [31:0] t1$2$wide;
    reg  t1$3$clock;
    reg  t1$3$en;
    reg  [7:0] t1$3$a;
    reg  [7:0] t1$3$b;
    reg  t1$3$cin;
    reg  t1$3$pin;
    wire  [8:0] t1$3$sum;
    wire  t1$3$carry;
    wire  [31:0] t1$3$wide;
    reg  t2$0$clock;
    reg  t2$0$en;
    reg  [8:0] t2$0$a;
    reg  [8:0] t2$0$b;
    reg  t2$0$cin;
    reg  t2$0$pin;
    wire  [9:0] t2$0$sum;
    wire  t2$0$carry;
    wire  [31:0] t2$0$wide;
    reg  t2$1$clock;
    reg  t2$1$en;
    reg  [8:0] t2$1$a;
    reg  [8:0] t2$1$b;
    reg  t2$1$cin;
    reg  t2$1$pin;
    wire  [9:0] t2$1$sum;
    wire  t2$1$carry;
    wire  [31:0] t2$1$wide;
    reg  t3$0$clock;
    reg  t3$0$en;
    reg  [9:0] t3$0$a;
    reg  [9:0] t3$0$b;
    reg  t3$0$cin;
    reg  t3$0$pin;
    wire  [10:0] t3$0$sum;
    wire  t3$0$carry;
    wire  [31:0] t3$0$wide;
    reg  [31:0] acc$d;
    wire  [31:0] acc$q;
    reg  acc$clock;
    reg  [31:0] res$d;
    wire  [31:0] res$q;
    reg  res$clock;
    reg  res_v$d;
    wire  res_v$q;
    reg  res_v$clock;
    reg  [31:0] res2$d;
    wire  [31:0] res2$q;
    reg  res2$clock;
    reg  res2_v$d;
    wire  res2_v$q;
    reg  res2_v$clock;
    reg  [7:0] naddr$d;
    wire  [7:0] naddr$q;
    reg  naddr$clock;
    
    // Local signals
    reg  adv;
    reg  pop;
    reg  take_w;
    reg  push;
    reg  beat;
    reg  fin;
    reg  wbv_n;
    reg  run_n;
    reg  r2n;
    reg  take_a;
    reg  busy;
    reg  busy_n;
    reg  idle_n;
    reg  [7:0] byte_in;
    reg  nl_new;
    reg  [31:0] root;
    reg  root_c;
    reg  [31:0] total;
    reg  [31:0] sum;
    
    // Sub module instances
    top$core$act_ram act_ram(
        .read_address(act_ram$read_address),
        .read_clock(act_ram$read_clock),
        .read_data(act_ram$read_data),
        .write_address(act_ram$write_address),
        .write_clock(act_ram$write_clock),
        .write_mask(act_ram$write_mask),
        .write_byte(act_ram$write_byte)
    );
    top$core$xr xr(
        .d(xr$d),
        .q(xr$q),
        .clock(xr$clock)
    );
    top$core$lane lane(
        .d(lane$d),
        .q(lane$q),
        .clock(lane$clock)
    );
    top$core$lane_end lane_end(
        .d(lane_end$d),
        .q(lane_end$q),
        .clock(lane_end$clock)
    );
    top$core$waddr waddr(
        .d(waddr$d),
        .q(waddr$q),
        .clock(waddr$clock)
    );
    top$core$wr_mask wr_mask(
        .d(wr_mask$d),
        .q(wr_mask$q),
        .clock(wr_mask$clock)
    );
    top$core$wr_addr wr_addr(
        .d(wr_addr$d),
        .q(wr_addr$q),
        .clock(wr_addr$clock)
    );
    top$core$wr_byte wr_byte(
        .d(wr_byte$d),
        .q(wr_byte$q),
        .clock(wr_byte$clock)
    );
    top$core$penult penult(
        .d(penult$d),
        .q(penult$q),
        .clock(penult$clock)
    );
    top$core$one_chunk one_chunk(
        .d(one_chunk$d),
        .q(one_chunk$q),
        .clock(one_chunk$clock)
    );
    top$core$state state(
        .d(state$d),
        .q(state$q),
        .clock(state$clock)
    );
    top$core$rlast rlast(
        .d(rlast$d),
        .q(rlast$q),
        .clock(rlast$clock)
    );
    top$core$nlast nlast(
        .d(nlast$d),
        .q(nlast$q),
        .clock(nlast$clock)
    );
    top$core$raddr raddr(
        .d(raddr$d),
        .q(raddr$q),
        .clock(raddr$clock)
    );
    top$core$wb wb(
        .d(wb$d),
        .q(wb$q),
        .clock(wb$clock)
    );
    top$core$wb_v wb_v(
        .d(wb_v$d),
        .q(wb_v$q),
        .clock(wb_v$clock)
    );
    top$core$wb_last wb_last(
        .d(wb_last$d),
        .q(wb_last$q),
        .clock(wb_last$clock)
    );
    top$core$wopen wopen(
        .d(wopen$d),
        .q(wopen$q),
        .clock(wopen$clock)
    );
    top$core$run run(
        .d(run$d),
        .q(run$q),
        .clock(run$clock)
    );
    top$core$shift shift(
        .d(shift$d),
        .q(shift$q),
        .clock(shift$clock)
    );
    top$core$hold hold(
        .d(hold$d),
        .q(hold$q),
        .clock(hold$clock)
    );
    top$core$vld$0 vld$0(
        .d(vld$0$d),
        .q(vld$0$q),
        .clock(vld$0$clock)
    );
    top$core$vld$1 vld$1(
        .d(vld$1$d),
        .q(vld$1$q),
        .clock(vld$1$clock)
    );
    top$core$vld$2 vld$2(
        .d(vld$2$d),
        .q(vld$2$q),
        .clock(vld$2$clock)
    );
    top$core$vld$3 vld$3(
        .d(vld$3$d),
        .q(vld$3$q),
        .clock(vld$3$clock)
    );
    top$core$lst$0 lst$0(
        .d(lst$0$d),
        .q(lst$0$q),
        .clock(lst$0$clock)
    );
    top$core$lst$1 lst$1(
        .d(lst$1$d),
        .q(lst$1$q),
        .clock(lst$1$clock)
    );
    top$core$lst$2 lst$2(
        .d(lst$2$d),
        .q(lst$2$q),
        .clock(lst$2$clock)
    );
    top$core$lst$3 lst$3(
        .d(lst$3$d),
        .q(lst$3$q),
        .clock(lst$3$clock)
    );
    top$core$cells$0 cells$0(
        .clock(cells$0$clock),
        .en(cells$0$en),
        .x(cells$0$x),
        .code(cells$0$code),
        .term(cells$0$term),
        .neg(cells$0$neg)
    );
    top$core$cells$1 cells$1(
        .clock(cells$1$clock),
        .en(cells$1$en),
        .x(cells$1$x),
        .code(cells$1$code),
        .term(cells$1$term),
        .neg(cells$1$neg)
    );
    top$core$cells$2 cells$2(
        .clock(cells$2$clock),
        .en(cells$2$en),
        .x(cells$2$x),
        .code(cells$2$code),
        .term(cells$2$term),
        .neg(cells$2$neg)
    );
    top$core$cells$3 cells$3(
        .clock(cells$3$clock),
        .en(cells$3$en),
        .x(cells$3$x),
        .code(cells$3$code),
        .term(cells$3$term),
        .neg(cells$3$neg)
    );
    top$core$cells$4 cells$4(
        .clock(cells$4$clock),
        .en(cells$4$en),
        .x(cells$4$x),
        .code(cells$4$code),
        .term(cells$4$term),
        .neg(cells$4$neg)
    );
    top$core$cells$5 cells$5(
        .clock(cells$5$clock),
        .en(cells$5$en),
        .x(cells$5$x),
        .code(cells$5$code),
        .term(cells$5$term),
        .neg(cells$5$neg)
    );
    top$core$cells$6 cells$6(
        .clock(cells$6$clock),
        .en(cells$6$en),
        .x(cells$6$x),
        .code(cells$6$code),
        .term(cells$6$term),
        .neg(cells$6$neg)
    );
    top$core$cells$7 cells$7(
        .clock(cells$7$clock),
        .en(cells$7$en),
        .x(cells$7$x),
        .code(cells$7$code),
        .term(cells$7$term),
        .neg(cells$7$neg)
    );
    top$core$t1$0 t1$0(
        .clock(t1$0$clock),
        .en(t1$0$en),
        .a(t1$0$a),
        .b(t1$0$b),
        .cin(t1$0$cin),
        .pin(t1$0$pin),
        .sum(t1$0$sum),
        .carry(t1$0$carry),
        .wide(t1$0$wide)
    );
    top$core$t1$1 t1$1(
        .clock(t1$1$clock),
        .en(t1$1$en),
        .a(t1$1$a),
        .b(t1$1$b),
        .cin(t1$1$cin),
        .pin(t1$1$pin),
        .sum(t1$1$sum),
        .carry(t1$1$carry),
        .wide(t1$1$wide)
    );
    top$core$t1$2 t1$2(
        .clock(t1$2$clock),
        .en(t1$2$en),
        .a(t1$2$a),
        .b(t1$2$b),
        .cin(t1$2$cin),
        .pin(t1$2$pin),
        .sum(t1$2$sum),
        .carry(t1$2$carry),
        .wide(t1$2$wide)
    );
    top$core$t1$3 t1$3(
        .clock(t1$3$clock),
        .en(t1$3$en),
        .a(t1$3$a),
        .b(t1$3$b),
        .cin(t1$3$cin),
        .pin(t1$3$pin),
        .sum(t1$3$sum),
        .carry(t1$3$carry),
        .wide(t1$3$wide)
    );
    top$core$t2$0 t2$0(
        .clock(t2$0$clock),
        .en(t2$0$en),
        .a(t2$0$a),
        .b(t2$0$b),
        .cin(t2$0$cin),
        .pin(t2$0$pin),
        .sum(t2$0$sum),
        .carry(t2$0$carry),
        .wide(t2$0$wide)
    );
    top$core$t2$1 t2$1(
        .clock(t2$1$clock),
        .en(t2$1$en),
        .a(t2$1$a),
        .b(t2$1$b),
        .cin(t2$1$cin),
        .pin(t2$1$pin),
        .sum(t2$1$sum),
        .carry(t2$1$carry),
        .wide(t2$1$wide)
    );
    top$core$t3$0 t3$0(
        .clock(t3$0$clock),
        .en(t3$0$en),
        .a(t3$0$a),
        .b(t3$0$b),
        .cin(t3$0$cin),
        .pin(t3$0$pin),
        .sum(t3$0$sum),
        .carry(t3$0$carry),
        .wide(t3$0$wide)
    );
    top$core$acc acc(
        .d(acc$d),
        .q(acc$q),
        .clock(acc$clock)
    );
    top$core$res res(
        .d(res$d),
        .q(res$q),
        .clock(res$clock)
    );
    top$core$res_v res_v(
        .d(res_v$d),
        .q(res_v$q),
        .clock(res_v$clock)
    );
    top$core$res2 res2(
        .d(res2$d),
        .q(res2$q),
        .clock(res2$clock)
    );
    top$core$res2_v res2_v(
        .d(res2_v$d),
        .q(res2_v$q),
        .clock(res2_v$clock)
    );
    top$core$naddr naddr(
        .d(naddr$d),
        .q(naddr$q),
        .clock(naddr$clock)
    );
    
    // Update code
    always @(*) begin
        xr$clock = clock;
        lane$clock = clock;
        lane_end$clock = clock;
        waddr$clock = clock;
        wr_mask$clock = clock;
        wr_addr$clock = clock;
        wr_byte$clock = clock;
        penult$clock = clock;
        one_chunk$clock = clock;
        state$clock = clock;
        rlast$clock = clock;
        nlast$clock = clock;
        raddr$clock = clock;
        naddr$clock = clock;
        wb$clock = clock;
        wb_v$clock = clock;
        wb_last$clock = clock;
        wopen$clock = clock;
        run$clock = clock;
        shift$clock = clock;
        hold$clock = clock;
        acc$clock = clock;
        res$clock = clock;
        res_v$clock = clock;
        res2$clock = clock;
        res2_v$clock = clock;
        xr$d = xr$q;
        lane$d = lane$q;
        lane_end$d = lane_end$q;
        waddr$d = waddr$q;
        wr_mask$d = wr_mask$q;
        wr_addr$d = wr_addr$q;
        wr_byte$d = wr_byte$q;
        penult$d = penult$q;
        one_chunk$d = one_chunk$q;
        state$d = state$q;
        rlast$d = rlast$q;
        nlast$d = nlast$q;
        raddr$d = raddr$q;
        naddr$d = naddr$q;
        wb$d = wb$q;
        wb_v$d = wb_v$q;
        wb_last$d = wb_last$q;
        wopen$d = wopen$q;
        run$d = run$q;
        shift$d = shift$q;
        hold$d = hold$q;
        acc$d = acc$q;
        res$d = res$q;
        res_v$d = res_v$q;
        res2$d = res2$q;
        res2_v$d = res2_v$q;
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
        act_ram$read_clock = clock;
        act_ram$write_clock = clock;
        act_ram$write_address = wr_addr$q;
        act_ram$write_mask = wr_mask$q;
        act_ram$write_byte = wr_byte$q;
        wr_mask$d = 32'h0;
        act_ram$read_address = raddr$q;
        adv = ~res2_v$q;
        pop = res_v$q & out_ready;
        cells$0$clock = clock;
        cells$0$en = adv;
        cells$0$x = xr$q[(0 * 32'h8)+:(8)];
        if (direct_c) begin
            cells$0$x = act_ram$read_data[(0 * 32'h8)+:(8)];
        end
        cells$0$code = wb$q[(0 * 32'h2)+:(2)];
        cells$1$clock = clock;
        cells$1$en = adv;
        cells$1$x = xr$q[(1 * 32'h8)+:(8)];
        if (direct_c) begin
            cells$1$x = act_ram$read_data[(1 * 32'h8)+:(8)];
        end
        cells$1$code = wb$q[(1 * 32'h2)+:(2)];
        cells$2$clock = clock;
        cells$2$en = adv;
        cells$2$x = xr$q[(2 * 32'h8)+:(8)];
        if (direct_c) begin
            cells$2$x = act_ram$read_data[(2 * 32'h8)+:(8)];
        end
        cells$2$code = wb$q[(2 * 32'h2)+:(2)];
        cells$3$clock = clock;
        cells$3$en = adv;
        cells$3$x = xr$q[(3 * 32'h8)+:(8)];
        if (direct_c) begin
            cells$3$x = act_ram$read_data[(3 * 32'h8)+:(8)];
        end
        cells$3$code = wb$q[(3 * 32'h2)+:(2)];
        cells$4$clock = clock;
        cells$4$en = adv;
        cells$4$x = xr$q[(4 * 32'h8)+:(8)];
        if (direct_c) begin
            cells$4$x = act_ram$read_data[(4 * 32'h8)+:(8)];
        end
        cells$4$code = wb$q[(4 * 32'h2)+:(2)];
        cells$5$clock = clock;
        cells$5$en = adv;
        cells$5$x = xr$q[(5 * 32'h8)+:(8)];
        if (direct_c) begin
            cells$5$x = act_ram$read_data[(5 * 32'h8)+:(8)];
        end
        cells$5$code = wb$q[(5 * 32'h2)+:(2)];
        cells$6$clock = clock;
        cells$6$en = adv;
        cells$6$x = xr$q[(6 * 32'h8)+:(8)];
        if (direct_c) begin
            cells$6$x = act_ram$read_data[(6 * 32'h8)+:(8)];
        end
        cells$6$code = wb$q[(6 * 32'h2)+:(2)];
        cells$7$clock = clock;
        cells$7$en = adv;
        cells$7$x = xr$q[(7 * 32'h8)+:(8)];
        if (direct_c) begin
            cells$7$x = act_ram$read_data[(7 * 32'h8)+:(8)];
        end
        cells$7$code = wb$q[(7 * 32'h2)+:(2)];
        t1$0$clock = clock;
        t1$0$en = adv;
        t1$0$a = cells$0$term;
        t1$0$b = cells$1$term;
        t1$0$cin = cells$0$neg;
        t1$0$pin = cells$1$neg;
        t1$1$clock = clock;
        t1$1$en = adv;
        t1$1$a = cells$2$term;
        t1$1$b = cells$3$term;
        t1$1$cin = cells$2$neg;
        t1$1$pin = cells$3$neg;
        t1$2$clock = clock;
        t1$2$en = adv;
        t1$2$a = cells$4$term;
        t1$2$b = cells$5$term;
        t1$2$cin = cells$4$neg;
        t1$2$pin = cells$5$neg;
        t1$3$clock = clock;
        t1$3$en = adv;
        t1$3$a = cells$6$term;
        t1$3$b = cells$7$term;
        t1$3$cin = cells$6$neg;
        t1$3$pin = cells$7$neg;
        t2$0$clock = clock;
        t2$0$en = adv;
        t2$0$a = t1$0$sum;
        t2$0$b = t1$1$sum;
        t2$0$cin = t1$0$carry;
        t2$0$pin = t1$1$carry;
        t2$1$clock = clock;
        t2$1$en = adv;
        t2$1$a = t1$2$sum;
        t2$1$b = t1$3$sum;
        t2$1$cin = t1$2$carry;
        t2$1$pin = t1$3$carry;
        t3$0$clock = clock;
        t3$0$en = adv;
        t3$0$a = t2$0$sum;
        t3$0$b = t2$1$sum;
        t3$0$cin = t2$0$carry;
        t3$0$pin = t2$1$carry;
        root = 32'h0;
        root_c = 32'h0;
        root = t3$0$wide;
        root_c = t3$0$carry;
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
        take_a = ~hold$q;
        act_ready = take_a;
        byte_in = 32'h0;
        if (state$q == 32'h0) begin
            byte_in = act_data;
        end
        if ((take_a & act_valid) | (state$q == 32'h1)) begin
            wr_mask$d = lane0_c << lane$q;
            wr_addr$d = waddr$q[(32'h0)+:(8)];
            wr_byte$d = byte_in;
            lane$d = lane$q + 32'h1;
            lane_end$d = lane$q == penult_lane_c;
            if (lane_end$q) begin
                waddr$d = waddr$q + 32'h1;
                lane$d = 32'h0;
                lane_end$d = 1'b0;
                if ((state$q == 32'h1) | act_last) begin
                    state$d = 32'h5;
                    penult$d = ((waddr$q - 32'h1) & 8'hff);
                    one_chunk$d = waddr$q == 32'h0;
                end
            end
            else if ((state$q == 32'h0) & act_last) begin
                state$d = 32'h1;
            end
        end
        if (state$q == 32'h5) begin
            state$d = 32'h2;
            raddr$d = 32'h0;
        end
        if (state$q == 32'h2) begin
            raddr$d = 32'h0;
            nlast$d = one_chunk$q;
            naddr$d = 32'h1;
            if (one_chunk$q) begin
                naddr$d = 32'h0;
            end
            state$d = 32'h3;
            wopen$d = 1'b1;
        end
        if (state$q == 32'h3) begin
            state$d = 32'h4;
        end
        beat = shift$q & run$q;
        take_w = wopen$q & (~wb_v$q | beat);
        wgt_ready = take_w;
        push = take_w & wgt_valid;
        if (push) begin
            wb$d = wgt_data;
            wb_last$d = wgt_last;
            if (wgt_last) begin
                wopen$d = 1'b0;
            end
        end
        wbv_n = push | (wb_v$q & ~beat);
        wb_v$d = wbv_n;
        run_n = (state$q == 32'h3) | (run$q & ~(beat & wb_last$q));
        run$d = run_n;
        if (beat & wb_last$q) begin
            state$d = 32'h0;
            waddr$d = 32'h0;
        end
        idle_n = (state$q == 32'h0) & ~(take_a & act_valid & act_last);
        if (beat & wb_last$q) begin
            idle_n = 1'b1;
        end
        busy_n = busy;
        if (adv) begin
            busy_n = beat;
            if (vld$0$q) begin
                busy_n = 1'b1;
            end
            if (vld$1$q) begin
                busy_n = 1'b1;
            end
            if (vld$2$q) begin
                busy_n = 1'b1;
            end
        end
        hold$d = ~idle_n | busy_n;
        nl_new = raddr$q == penult$q;
        if (nlast$q) begin
            nl_new = one_chunk$q;
        end
        if (shift$q) begin
            xr$d = act_ram$read_data;
            rlast$d = nlast$q;
            act_ram$read_address = naddr$q;
            raddr$d = naddr$q;
            nlast$d = nl_new;
            naddr$d = naddr$q + 32'h1;
            if (nl_new) begin
                naddr$d = 32'h0;
            end
        end
        fin = 1'b0;
        fin = vld$3$q & lst$3$q;
        r2n = res2_v$q & ~pop;
        if (adv & fin & res_v$q & ~pop) begin
            r2n = 1'b1;
        end
        res2_v$d = r2n;
        if (pop) begin
            res$d = res2$q;
            res_v$d = res2_v$q;
        end
        shift$d = ((state$q == 32'h2) & ~direct_c) | (run_n & wbv_n & ~r2n);
        sum = acc$q + root + ((root_c) & 32'hffffffff);
        total = sum & accmask_c;
        if (|(sum & accsign_c)) begin
            total = sum | ~accmask_c;
        end
        if (adv) begin
            vld$0$d = beat;
            lst$0$d = rlast$q;
            if (direct_c) begin
                lst$0$d = nlast$q;
            end
            vld$1$d = vld$0$q;
            lst$1$d = lst$0$q;
            vld$2$d = vld$1$q;
            lst$2$d = lst$1$q;
            vld$3$d = vld$2$q;
            lst$3$d = lst$2$q;
            if (vld$3$q) begin
                acc$d = total;
                if (lst$3$q) begin
                    if (res_v$q & ~pop) begin
                        res2$d = total;
                    end
                    else begin
                        res$d = total;
                        res_v$d = 1'b1;
                    end
                    acc$d = 32'h0;
                end
            end
        end
        out_data = res$q;
        out_valid = res_v$q;
    end
    
endmodule // top$core


module top$core$acc(d,q,clock);
    
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
          
endmodule // top$core$acc


module top$core$act_ram(read_address,read_clock,read_data,write_address,write_clock,write_mask,write_byte);
    
    // Module arguments
    input wire  [7:0] read_address;
    input wire  read_clock;
    output reg  [63:0] read_data;
    input wire  [7:0] write_address;
    input wire  write_clock;
    input wire  [7:0] write_mask;
    input wire  [7:0] write_byte;
    
    // Update code (custom)
    (* no_rw_check *)
    reg[63:0] mem[255:0];
    
    always @(posedge read_clock) begin
       read_data <= mem[read_address];
    end
    
    always @(posedge write_clock) begin
       if (write_mask[0]) mem[write_address][7:0] <= write_byte;
       if (write_mask[1]) mem[write_address][15:8] <= write_byte;
       if (write_mask[2]) mem[write_address][23:16] <= write_byte;
       if (write_mask[3]) mem[write_address][31:24] <= write_byte;
       if (write_mask[4]) mem[write_address][39:32] <= write_byte;
       if (write_mask[5]) mem[write_address][47:40] <= write_byte;
       if (write_mask[6]) mem[write_address][55:48] <= write_byte;
       if (write_mask[7]) mem[write_address][63:56] <= write_byte;
    end
endmodule // top$core$act_ram


module top$core$cells$0(clock,en,x,code,term,neg);
    
    // Module arguments
    input wire  clock;
    input wire  en;
    input wire  [7:0] x;
    input wire  [1:0] code;
    output reg  [7:0] term;
    output reg  neg;
    
    // Stub signals
    reg  [7:0] t$d;
    wire  [7:0] t$q;
    reg  t$clock;
    reg  n$d;
    wire  n$q;
    reg  n$clock;
    
    // Sub module instances
    top$core$cells$0$t t(
        .d(t$d),
        .q(t$q),
        .clock(t$clock)
    );
    top$core$cells$0$n n(
        .d(n$d),
        .q(n$q),
        .clock(n$clock)
    );
    
    // Update code
    always @(*) begin
        t$clock = clock;
        n$clock = clock;
        t$d = t$q;
        n$d = n$q;
        if (en) begin
            t$d = 32'h0;
            n$d = 32'h0;
            if (code == 32'h1) begin
                t$d = x;
            end
            if (code == 32'h2) begin
                t$d = ~x;
                n$d = 32'h1;
            end
        end
        term = t$q;
        neg = n$q;
    end
    
endmodule // top$core$cells$0


module top$core$cells$0$n(d,q,clock);
    
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
          
endmodule // top$core$cells$0$n


module top$core$cells$0$t(d,q,clock);
    
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
          
endmodule // top$core$cells$0$t


module top$core$cells$1(clock,en,x,code,term,neg);
    
    // Module arguments
    input wire  clock;
    input wire  en;
    input wire  [7:0] x;
    input wire  [1:0] code;
    output reg  [7:0] term;
    output reg  neg;
    
    // Stub signals
    reg  [7:0] t$d;
    wire  [7:0] t$q;
    reg  t$clock;
    reg  n$d;
    wire  n$q;
    reg  n$clock;
    
    // Sub module instances
    top$core$cells$1$t t(
        .d(t$d),
        .q(t$q),
        .clock(t$clock)
    );
    top$core$cells$1$n n(
        .d(n$d),
        .q(n$q),
        .clock(n$clock)
    );
    
    // Update code
    always @(*) begin
        t$clock = clock;
        n$clock = clock;
        t$d = t$q;
        n$d = n$q;
        if (en) begin
            t$d = 32'h0;
            n$d = 32'h0;
            if (code == 32'h1) begin
                t$d = x;
            end
            if (code == 32'h2) begin
                t$d = ~x;
                n$d = 32'h1;
            end
        end
        term = t$q;
        neg = n$q;
    end
    
endmodule // top$core$cells$1


module top$core$cells$1$n(d,q,clock);
    
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
          
endmodule // top$core$cells$1$n


module top$core$cells$1$t(d,q,clock);
    
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
          
endmodule // top$core$cells$1$t


module top$core$cells$2(clock,en,x,code,term,neg);
    
    // Module arguments
    input wire  clock;
    input wire  en;
    input wire  [7:0] x;
    input wire  [1:0] code;
    output reg  [7:0] term;
    output reg  neg;
    
    // Stub signals
    reg  [7:0] t$d;
    wire  [7:0] t$q;
    reg  t$clock;
    reg  n$d;
    wire  n$q;
    reg  n$clock;
    
    // Sub module instances
    top$core$cells$2$t t(
        .d(t$d),
        .q(t$q),
        .clock(t$clock)
    );
    top$core$cells$2$n n(
        .d(n$d),
        .q(n$q),
        .clock(n$clock)
    );
    
    // Update code
    always @(*) begin
        t$clock = clock;
        n$clock = clock;
        t$d = t$q;
        n$d = n$q;
        if (en) begin
            t$d = 32'h0;
            n$d = 32'h0;
            if (code == 32'h1) begin
                t$d = x;
            end
            if (code == 32'h2) begin
                t$d = ~x;
                n$d = 32'h1;
            end
        end
        term = t$q;
        neg = n$q;
    end
    
endmodule // top$core$cells$2


module top$core$cells$2$n(d,q,clock);
    
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
          
endmodule // top$core$cells$2$n


module top$core$cells$2$t(d,q,clock);
    
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
          
endmodule // top$core$cells$2$t


module top$core$cells$3(clock,en,x,code,term,neg);
    
    // Module arguments
    input wire  clock;
    input wire  en;
    input wire  [7:0] x;
    input wire  [1:0] code;
    output reg  [7:0] term;
    output reg  neg;
    
    // Stub signals
    reg  [7:0] t$d;
    wire  [7:0] t$q;
    reg  t$clock;
    reg  n$d;
    wire  n$q;
    reg  n$clock;
    
    // Sub module instances
    top$core$cells$3$t t(
        .d(t$d),
        .q(t$q),
        .clock(t$clock)
    );
    top$core$cells$3$n n(
        .d(n$d),
        .q(n$q),
        .clock(n$clock)
    );
    
    // Update code
    always @(*) begin
        t$clock = clock;
        n$clock = clock;
        t$d = t$q;
        n$d = n$q;
        if (en) begin
            t$d = 32'h0;
            n$d = 32'h0;
            if (code == 32'h1) begin
                t$d = x;
            end
            if (code == 32'h2) begin
                t$d = ~x;
                n$d = 32'h1;
            end
        end
        term = t$q;
        neg = n$q;
    end
    
endmodule // top$core$cells$3


module top$core$cells$3$n(d,q,clock);
    
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
          
endmodule // top$core$cells$3$n


module top$core$cells$3$t(d,q,clock);
    
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
          
endmodule // top$core$cells$3$t


module top$core$cells$4(clock,en,x,code,term,neg);
    
    // Module arguments
    input wire  clock;
    input wire  en;
    input wire  [7:0] x;
    input wire  [1:0] code;
    output reg  [7:0] term;
    output reg  neg;
    
    // Stub signals
    reg  [7:0] t$d;
    wire  [7:0] t$q;
    reg  t$clock;
    reg  n$d;
    wire  n$q;
    reg  n$clock;
    
    // Sub module instances
    top$core$cells$4$t t(
        .d(t$d),
        .q(t$q),
        .clock(t$clock)
    );
    top$core$cells$4$n n(
        .d(n$d),
        .q(n$q),
        .clock(n$clock)
    );
    
    // Update code
    always @(*) begin
        t$clock = clock;
        n$clock = clock;
        t$d = t$q;
        n$d = n$q;
        if (en) begin
            t$d = 32'h0;
            n$d = 32'h0;
            if (code == 32'h1) begin
                t$d = x;
            end
            if (code == 32'h2) begin
                t$d = ~x;
                n$d = 32'h1;
            end
        end
        term = t$q;
        neg = n$q;
    end
    
endmodule // top$core$cells$4


module top$core$cells$4$n(d,q,clock);
    
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
          
endmodule // top$core$cells$4$n


module top$core$cells$4$t(d,q,clock);
    
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
          
endmodule // top$core$cells$4$t


module top$core$cells$5(clock,en,x,code,term,neg);
    
    // Module arguments
    input wire  clock;
    input wire  en;
    input wire  [7:0] x;
    input wire  [1:0] code;
    output reg  [7:0] term;
    output reg  neg;
    
    // Stub signals
    reg  [7:0] t$d;
    wire  [7:0] t$q;
    reg  t$clock;
    reg  n$d;
    wire  n$q;
    reg  n$clock;
    
    // Sub module instances
    top$core$cells$5$t t(
        .d(t$d),
        .q(t$q),
        .clock(t$clock)
    );
    top$core$cells$5$n n(
        .d(n$d),
        .q(n$q),
        .clock(n$clock)
    );
    
    // Update code
    always @(*) begin
        t$clock = clock;
        n$clock = clock;
        t$d = t$q;
        n$d = n$q;
        if (en) begin
            t$d = 32'h0;
            n$d = 32'h0;
            if (code == 32'h1) begin
                t$d = x;
            end
            if (code == 32'h2) begin
                t$d = ~x;
                n$d = 32'h1;
            end
        end
        term = t$q;
        neg = n$q;
    end
    
endmodule // top$core$cells$5


module top$core$cells$5$n(d,q,clock);
    
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
          
endmodule // top$core$cells$5$n


module top$core$cells$5$t(d,q,clock);
    
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
          
endmodule // top$core$cells$5$t


module top$core$cells$6(clock,en,x,code,term,neg);
    
    // Module arguments
    input wire  clock;
    input wire  en;
    input wire  [7:0] x;
    input wire  [1:0] code;
    output reg  [7:0] term;
    output reg  neg;
    
    // Stub signals
    reg  [7:0] t$d;
    wire  [7:0] t$q;
    reg  t$clock;
    reg  n$d;
    wire  n$q;
    reg  n$clock;
    
    // Sub module instances
    top$core$cells$6$t t(
        .d(t$d),
        .q(t$q),
        .clock(t$clock)
    );
    top$core$cells$6$n n(
        .d(n$d),
        .q(n$q),
        .clock(n$clock)
    );
    
    // Update code
    always @(*) begin
        t$clock = clock;
        n$clock = clock;
        t$d = t$q;
        n$d = n$q;
        if (en) begin
            t$d = 32'h0;
            n$d = 32'h0;
            if (code == 32'h1) begin
                t$d = x;
            end
            if (code == 32'h2) begin
                t$d = ~x;
                n$d = 32'h1;
            end
        end
        term = t$q;
        neg = n$q;
    end
    
endmodule // top$core$cells$6


module top$core$cells$6$n(d,q,clock);
    
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
          
endmodule // top$core$cells$6$n


module top$core$cells$6$t(d,q,clock);
    
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
          
endmodule // top$core$cells$6$t


module top$core$cells$7(clock,en,x,code,term,neg);
    
    // Module arguments
    input wire  clock;
    input wire  en;
    input wire  [7:0] x;
    input wire  [1:0] code;
    output reg  [7:0] term;
    output reg  neg;
    
    // Stub signals
    reg  [7:0] t$d;
    wire  [7:0] t$q;
    reg  t$clock;
    reg  n$d;
    wire  n$q;
    reg  n$clock;
    
    // Sub module instances
    top$core$cells$7$t t(
        .d(t$d),
        .q(t$q),
        .clock(t$clock)
    );
    top$core$cells$7$n n(
        .d(n$d),
        .q(n$q),
        .clock(n$clock)
    );
    
    // Update code
    always @(*) begin
        t$clock = clock;
        n$clock = clock;
        t$d = t$q;
        n$d = n$q;
        if (en) begin
            t$d = 32'h0;
            n$d = 32'h0;
            if (code == 32'h1) begin
                t$d = x;
            end
            if (code == 32'h2) begin
                t$d = ~x;
                n$d = 32'h1;
            end
        end
        term = t$q;
        neg = n$q;
    end
    
endmodule // top$core$cells$7


module top$core$cells$7$n(d,q,clock);
    
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
          
endmodule // top$core$cells$7$n


module top$core$cells$7$t(d,q,clock);
    
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
          
endmodule // top$core$cells$7$t


module top$core$hold(d,q,clock);
    
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
          
endmodule // top$core$hold


module top$core$lane(d,q,clock);
    
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
          
endmodule // top$core$lane


module top$core$lane_end(d,q,clock);
    
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
          
endmodule // top$core$lane_end


module top$core$lst$0(d,q,clock);
    
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
          
endmodule // top$core$lst$0


module top$core$lst$1(d,q,clock);
    
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
          
endmodule // top$core$lst$1


module top$core$lst$2(d,q,clock);
    
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
          
endmodule // top$core$lst$2


module top$core$lst$3(d,q,clock);
    
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
          
endmodule // top$core$lst$3


module top$core$naddr(d,q,clock);
    
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
          
endmodule // top$core$naddr


module top$core$nlast(d,q,clock);
    
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
          
endmodule // top$core$nlast


module top$core$one_chunk(d,q,clock);
    
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
          
endmodule // top$core$one_chunk


module top$core$penult(d,q,clock);
    
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
          
endmodule // top$core$penult


module top$core$raddr(d,q,clock);
    
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
          
endmodule // top$core$raddr


module top$core$res(d,q,clock);
    
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
          
endmodule // top$core$res


module top$core$res2(d,q,clock);
    
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
          
endmodule // top$core$res2


module top$core$res2_v(d,q,clock);
    
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
          
endmodule // top$core$res2_v


module top$core$res_v(d,q,clock);
    
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
          
endmodule // top$core$res_v


module top$core$rlast(d,q,clock);
    
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
          
endmodule // top$core$rlast


module top$core$run(d,q,clock);
    
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
          
endmodule // top$core$run


module top$core$shift(d,q,clock);
    
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
          
endmodule // top$core$shift


module top$core$state(d,q,clock);
    
    // Module arguments
    input wire  [2:0] d;
    output reg  [2:0] q;
    input wire  clock;
    
    // Update code (custom)
    initial begin
       q = 3'h0;
    end
    
    always @(posedge clock) begin
       q <= d;
    end
          
endmodule // top$core$state


module top$core$t1$0(clock,en,a,b,cin,pin,sum,carry,wide);
    
    // Module arguments
    input wire  clock;
    input wire  en;
    input wire  [7:0] a;
    input wire  [7:0] b;
    input wire  cin;
    input wire  pin;
    output reg  [8:0] sum;
    output reg  carry;
    output reg  [31:0] wide;
    
    // Constant declarations
    localparam  ext_c = 9'b100000000;
    localparam  wide_c = 32'hfffffe00;
    
    // Stub signals
    reg  [8:0] s$d;
    wire  [8:0] s$q;
    reg  s$clock;
    reg  c$d;
    wire  c$q;
    reg  c$clock;
    
    // Local signals
    reg  [8:0] sa;
    reg  [8:0] sb;
    
    // Sub module instances
    top$core$t1$0$s s(
        .d(s$d),
        .q(s$q),
        .clock(s$clock)
    );
    top$core$t1$0$c c(
        .d(c$d),
        .q(c$q),
        .clock(c$clock)
    );
    
    // Update code
    always @(*) begin
        s$clock = clock;
        c$clock = clock;
        s$d = s$q;
        c$d = c$q;
        sa = ((a) & 9'h1ff);
        sb = ((b) & 9'h1ff);
        if (a[7]) begin
            sa = ((a) & 9'h1ff) | ext_c;
        end
        if (b[7]) begin
            sb = ((b) & 9'h1ff) | ext_c;
        end
        if (en) begin
            s$d = sa + sb + ((cin) & 9'h1ff);
            c$d = pin;
        end
        sum = s$q;
        carry = c$q;
        wide = ((s$q) & 32'hffffffff);
        if (s$q[8]) begin
            wide = ((s$q) & 32'hffffffff) | wide_c;
        end
    end
    
endmodule // top$core$t1$0


module top$core$t1$0$c(d,q,clock);
    
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
          
endmodule // top$core$t1$0$c


module top$core$t1$0$s(d,q,clock);
    
    // Module arguments
    input wire  [8:0] d;
    output reg  [8:0] q;
    input wire  clock;
    
    // Update code (custom)
    initial begin
       q = 9'h0;
    end
    
    always @(posedge clock) begin
       q <= d;
    end
          
endmodule // top$core$t1$0$s


module top$core$t1$1(clock,en,a,b,cin,pin,sum,carry,wide);
    
    // Module arguments
    input wire  clock;
    input wire  en;
    input wire  [7:0] a;
    input wire  [7:0] b;
    input wire  cin;
    input wire  pin;
    output reg  [8:0] sum;
    output reg  carry;
    output reg  [31:0] wide;
    
    // Constant declarations
    localparam  ext_c = 9'b100000000;
    localparam  wide_c = 32'hfffffe00;
    
    // Stub signals
    reg  [8:0] s$d;
    wire  [8:0] s$q;
    reg  s$clock;
    reg  c$d;
    wire  c$q;
    reg  c$clock;
    
    // Local signals
    reg  [8:0] sa;
    reg  [8:0] sb;
    
    // Sub module instances
    top$core$t1$1$s s(
        .d(s$d),
        .q(s$q),
        .clock(s$clock)
    );
    top$core$t1$1$c c(
        .d(c$d),
        .q(c$q),
        .clock(c$clock)
    );
    
    // Update code
    always @(*) begin
        s$clock = clock;
        c$clock = clock;
        s$d = s$q;
        c$d = c$q;
        sa = ((a) & 9'h1ff);
        sb = ((b) & 9'h1ff);
        if (a[7]) begin
            sa = ((a) & 9'h1ff) | ext_c;
        end
        if (b[7]) begin
            sb = ((b) & 9'h1ff) | ext_c;
        end
        if (en) begin
            s$d = sa + sb + ((cin) & 9'h1ff);
            c$d = pin;
        end
        sum = s$q;
        carry = c$q;
        wide = ((s$q) & 32'hffffffff);
        if (s$q[8]) begin
            wide = ((s$q) & 32'hffffffff) | wide_c;
        end
    end
    
endmodule // top$core$t1$1


module top$core$t1$1$c(d,q,clock);
    
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
          
endmodule // top$core$t1$1$c


module top$core$t1$1$s(d,q,clock);
    
    // Module arguments
    input wire  [8:0] d;
    output reg  [8:0] q;
    input wire  clock;
    
    // Update code (custom)
    initial begin
       q = 9'h0;
    end
    
    always @(posedge clock) begin
       q <= d;
    end
          
endmodule // top$core$t1$1$s


module top$core$t1$2(clock,en,a,b,cin,pin,sum,carry,wide);
    
    // Module arguments
    input wire  clock;
    input wire  en;
    input wire  [7:0] a;
    input wire  [7:0] b;
    input wire  cin;
    input wire  pin;
    output reg  [8:0] sum;
    output reg  carry;
    output reg  [31:0] wide;
    
    // Constant declarations
    localparam  ext_c = 9'b100000000;
    localparam  wide_c = 32'hfffffe00;
    
    // Stub signals
    reg  [8:0] s$d;
    wire  [8:0] s$q;
    reg  s$clock;
    reg  c$d;
    wire  c$q;
    reg  c$clock;
    
    // Local signals
    reg  [8:0] sa;
    reg  [8:0] sb;
    
    // Sub module instances
    top$core$t1$2$s s(
        .d(s$d),
        .q(s$q),
        .clock(s$clock)
    );
    top$core$t1$2$c c(
        .d(c$d),
        .q(c$q),
        .clock(c$clock)
    );
    
    // Update code
    always @(*) begin
        s$clock = clock;
        c$clock = clock;
        s$d = s$q;
        c$d = c$q;
        sa = ((a) & 9'h1ff);
        sb = ((b) & 9'h1ff);
        if (a[7]) begin
            sa = ((a) & 9'h1ff) | ext_c;
        end
        if (b[7]) begin
            sb = ((b) & 9'h1ff) | ext_c;
        end
        if (en) begin
            s$d = sa + sb + ((cin) & 9'h1ff);
            c$d = pin;
        end
        sum = s$q;
        carry = c$q;
        wide = ((s$q) & 32'hffffffff);
        if (s$q[8]) begin
            wide = ((s$q) & 32'hffffffff) | wide_c;
        end
    end
    
endmodule // top$core$t1$2


module top$core$t1$2$c(d,q,clock);
    
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
          
endmodule // top$core$t1$2$c


module top$core$t1$2$s(d,q,clock);
    
    // Module arguments
    input wire  [8:0] d;
    output reg  [8:0] q;
    input wire  clock;
    
    // Update code (custom)
    initial begin
       q = 9'h0;
    end
    
    always @(posedge clock) begin
       q <= d;
    end
          
endmodule // top$core$t1$2$s


module top$core$t1$3(clock,en,a,b,cin,pin,sum,carry,wide);
    
    // Module arguments
    input wire  clock;
    input wire  en;
    input wire  [7:0] a;
    input wire  [7:0] b;
    input wire  cin;
    input wire  pin;
    output reg  [8:0] sum;
    output reg  carry;
    output reg  [31:0] wide;
    
    // Constant declarations
    localparam  ext_c = 9'b100000000;
    localparam  wide_c = 32'hfffffe00;
    
    // Stub signals
    reg  [8:0] s$d;
    wire  [8:0] s$q;
    reg  s$clock;
    reg  c$d;
    wire  c$q;
    reg  c$clock;
    
    // Local signals
    reg  [8:0] sa;
    reg  [8:0] sb;
    
    // Sub module instances
    top$core$t1$3$s s(
        .d(s$d),
        .q(s$q),
        .clock(s$clock)
    );
    top$core$t1$3$c c(
        .d(c$d),
        .q(c$q),
        .clock(c$clock)
    );
    
    // Update code
    always @(*) begin
        s$clock = clock;
        c$clock = clock;
        s$d = s$q;
        c$d = c$q;
        sa = ((a) & 9'h1ff);
        sb = ((b) & 9'h1ff);
        if (a[7]) begin
            sa = ((a) & 9'h1ff) | ext_c;
        end
        if (b[7]) begin
            sb = ((b) & 9'h1ff) | ext_c;
        end
        if (en) begin
            s$d = sa + sb + ((cin) & 9'h1ff);
            c$d = pin;
        end
        sum = s$q;
        carry = c$q;
        wide = ((s$q) & 32'hffffffff);
        if (s$q[8]) begin
            wide = ((s$q) & 32'hffffffff) | wide_c;
        end
    end
    
endmodule // top$core$t1$3


module top$core$t1$3$c(d,q,clock);
    
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
          
endmodule // top$core$t1$3$c


module top$core$t1$3$s(d,q,clock);
    
    // Module arguments
    input wire  [8:0] d;
    output reg  [8:0] q;
    input wire  clock;
    
    // Update code (custom)
    initial begin
       q = 9'h0;
    end
    
    always @(posedge clock) begin
       q <= d;
    end
          
endmodule // top$core$t1$3$s


module top$core$t2$0(clock,en,a,b,cin,pin,sum,carry,wide);
    
    // Module arguments
    input wire  clock;
    input wire  en;
    input wire  [8:0] a;
    input wire  [8:0] b;
    input wire  cin;
    input wire  pin;
    output reg  [9:0] sum;
    output reg  carry;
    output reg  [31:0] wide;
    
    // Constant declarations
    localparam  ext_c = 10'b1000000000;
    localparam  wide_c = 32'hfffffc00;
    
    // Stub signals
    reg  [9:0] s$d;
    wire  [9:0] s$q;
    reg  s$clock;
    reg  c$d;
    wire  c$q;
    reg  c$clock;
    
    // Local signals
    reg  [9:0] sa;
    reg  [9:0] sb;
    
    // Sub module instances
    top$core$t2$0$s s(
        .d(s$d),
        .q(s$q),
        .clock(s$clock)
    );
    top$core$t2$0$c c(
        .d(c$d),
        .q(c$q),
        .clock(c$clock)
    );
    
    // Update code
    always @(*) begin
        s$clock = clock;
        c$clock = clock;
        s$d = s$q;
        c$d = c$q;
        sa = ((a) & 10'h3ff);
        sb = ((b) & 10'h3ff);
        if (a[8]) begin
            sa = ((a) & 10'h3ff) | ext_c;
        end
        if (b[8]) begin
            sb = ((b) & 10'h3ff) | ext_c;
        end
        if (en) begin
            s$d = sa + sb + ((cin) & 10'h3ff);
            c$d = pin;
        end
        sum = s$q;
        carry = c$q;
        wide = ((s$q) & 32'hffffffff);
        if (s$q[9]) begin
            wide = ((s$q) & 32'hffffffff) | wide_c;
        end
    end
    
endmodule // top$core$t2$0


module top$core$t2$0$c(d,q,clock);
    
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
          
endmodule // top$core$t2$0$c


module top$core$t2$0$s(d,q,clock);
    
    // Module arguments
    input wire  [9:0] d;
    output reg  [9:0] q;
    input wire  clock;
    
    // Update code (custom)
    initial begin
       q = 10'h0;
    end
    
    always @(posedge clock) begin
       q <= d;
    end
          
endmodule // top$core$t2$0$s


module top$core$t2$1(clock,en,a,b,cin,pin,sum,carry,wide);
    
    // Module arguments
    input wire  clock;
    input wire  en;
    input wire  [8:0] a;
    input wire  [8:0] b;
    input wire  cin;
    input wire  pin;
    output reg  [9:0] sum;
    output reg  carry;
    output reg  [31:0] wide;
    
    // Constant declarations
    localparam  ext_c = 10'b1000000000;
    localparam  wide_c = 32'hfffffc00;
    
    // Stub signals
    reg  [9:0] s$d;
    wire  [9:0] s$q;
    reg  s$clock;
    reg  c$d;
    wire  c$q;
    reg  c$clock;
    
    // Local signals
    reg  [9:0] sa;
    reg  [9:0] sb;
    
    // Sub module instances
    top$core$t2$1$s s(
        .d(s$d),
        .q(s$q),
        .clock(s$clock)
    );
    top$core$t2$1$c c(
        .d(c$d),
        .q(c$q),
        .clock(c$clock)
    );
    
    // Update code
    always @(*) begin
        s$clock = clock;
        c$clock = clock;
        s$d = s$q;
        c$d = c$q;
        sa = ((a) & 10'h3ff);
        sb = ((b) & 10'h3ff);
        if (a[8]) begin
            sa = ((a) & 10'h3ff) | ext_c;
        end
        if (b[8]) begin
            sb = ((b) & 10'h3ff) | ext_c;
        end
        if (en) begin
            s$d = sa + sb + ((cin) & 10'h3ff);
            c$d = pin;
        end
        sum = s$q;
        carry = c$q;
        wide = ((s$q) & 32'hffffffff);
        if (s$q[9]) begin
            wide = ((s$q) & 32'hffffffff) | wide_c;
        end
    end
    
endmodule // top$core$t2$1


module top$core$t2$1$c(d,q,clock);
    
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
          
endmodule // top$core$t2$1$c


module top$core$t2$1$s(d,q,clock);
    
    // Module arguments
    input wire  [9:0] d;
    output reg  [9:0] q;
    input wire  clock;
    
    // Update code (custom)
    initial begin
       q = 10'h0;
    end
    
    always @(posedge clock) begin
       q <= d;
    end
          
endmodule // top$core$t2$1$s


module top$core$t3$0(clock,en,a,b,cin,pin,sum,carry,wide);
    
    // Module arguments
    input wire  clock;
    input wire  en;
    input wire  [9:0] a;
    input wire  [9:0] b;
    input wire  cin;
    input wire  pin;
    output reg  [10:0] sum;
    output reg  carry;
    output reg  [31:0] wide;
    
    // Constant declarations
    localparam  ext_c = 11'b10000000000;
    localparam  wide_c = 32'hfffff800;
    
    // Stub signals
    reg  [10:0] s$d;
    wire  [10:0] s$q;
    reg  s$clock;
    reg  c$d;
    wire  c$q;
    reg  c$clock;
    
    // Local signals
    reg  [10:0] sa;
    reg  [10:0] sb;
    
    // Sub module instances
    top$core$t3$0$s s(
        .d(s$d),
        .q(s$q),
        .clock(s$clock)
    );
    top$core$t3$0$c c(
        .d(c$d),
        .q(c$q),
        .clock(c$clock)
    );
    
    // Update code
    always @(*) begin
        s$clock = clock;
        c$clock = clock;
        s$d = s$q;
        c$d = c$q;
        sa = ((a) & 11'h7ff);
        sb = ((b) & 11'h7ff);
        if (a[9]) begin
            sa = ((a) & 11'h7ff) | ext_c;
        end
        if (b[9]) begin
            sb = ((b) & 11'h7ff) | ext_c;
        end
        if (en) begin
            s$d = sa + sb + ((cin) & 11'h7ff);
            c$d = pin;
        end
        sum = s$q;
        carry = c$q;
        wide = ((s$q) & 32'hffffffff);
        if (s$q[10]) begin
            wide = ((s$q) & 32'hffffffff) | wide_c;
        end
    end
    
endmodule // top$core$t3$0


module top$core$t3$0$c(d,q,clock);
    
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
          
endmodule // top$core$t3$0$c


module top$core$t3$0$s(d,q,clock);
    
    // Module arguments
    input wire  [10:0] d;
    output reg  [10:0] q;
    input wire  clock;
    
    // Update code (custom)
    initial begin
       q = 11'h0;
    end
    
    always @(posedge clock) begin
       q <= d;
    end
          
endmodule // top$core$t3$0$s


module top$core$vld$0(d,q,clock);
    
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
          
endmodule // top$core$vld$0


module top$core$vld$1(d,q,clock);
    
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
          
endmodule // top$core$vld$1


module top$core$vld$2(d,q,clock);
    
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
          
endmodule // top$core$vld$2


module top$core$vld$3(d,q,clock);
    
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
          
endmodule // top$core$vld$3


module top$core$waddr(d,q,clock);
    
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
          
endmodule // top$core$waddr


module top$core$wb(d,q,clock);
    
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
          
endmodule // top$core$wb


module top$core$wb_last(d,q,clock);
    
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
          
endmodule // top$core$wb_last


module top$core$wb_v(d,q,clock);
    
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
          
endmodule // top$core$wb_v


module top$core$wopen(d,q,clock);
    
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
          
endmodule // top$core$wopen


module top$core$wr_addr(d,q,clock);
    
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
          
endmodule // top$core$wr_addr


module top$core$wr_byte(d,q,clock);
    
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
          
endmodule // top$core$wr_byte


module top$core$wr_mask(d,q,clock);
    
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
          
endmodule // top$core$wr_mask


module top$core$xr(d,q,clock);
    
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
          
endmodule // top$core$xr


module top$obuf(d,q,clock);
    
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
          
endmodule // top$obuf


module top$ocount(d,q,clock);
    
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
          
endmodule // top$ocount


module top$ofull(d,q,clock);
    
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
          
endmodule // top$ofull


module top$wbuf(d,q,clock);
    
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
          
endmodule // top$wbuf


module top$wcount(d,q,clock);
    
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
          
endmodule // top$wcount


module top$wfull(d,q,clock);
    
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
          
endmodule // top$wfull


module top$wlast(d,q,clock);
    
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
          
endmodule // top$wlast
