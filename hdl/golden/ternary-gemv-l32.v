

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
    localparam  accmask_c = 32'h1fffff;
    localparam  accsign_c = 32'h200000;
    localparam  penult_lane_c = 8'h1e;
    localparam  lane0_c = 32'h1;
    localparam  direct_c = 1'b0;
    
    // Stub signals
    reg  [7:0] act_ram$read_address;
    reg  act_ram$read_clock;
    wire  [255:0] act_ram$read_data;
    reg  [7:0] act_ram$write_address;
    reg  act_ram$write_clock;
    reg  [31:0] act_ram$write_mask;
    reg  [7:0] act_ram$write_byte;
    reg  [255:0] xr$d;
    wire  [255:0] xr$q;
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
    reg  [31:0] wr_mask$d;
    wire  [31:0] wr_mask$q;
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
    reg  [63:0] wb$d;
    wire  [63:0] wb$q;
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
    reg  vld$4$d;
    wire  vld$4$q;
    reg  vld$4$clock;
    reg  vld$5$d;
    wire  vld$5$q;
    reg  vld$5$clock;
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
    reg  cells$8$clock;
    reg  cells$8$en;
    reg  [7:0] cells$8$x;
    reg  [1:0] cells$8$code;
    wire  [7:0] cells$8$term;
    wire  cells$8$neg;
    reg  cells$9$clock;
    reg  cells$9$en;
    reg  [7:0] cells$9$x;
    reg  [1:0] cells$9$code;
    wire  [7:0] cells$9$term;
    wire  cells$9$neg;
    reg  cells$10$clock;
    reg  cells$10$en;
    reg  [7:0] cells$10$x;
    reg  [1:0] cells$10$code;
    wire  [7:0] cells$10$term;
    wire  cells$10$neg;
    reg  cells$11$clock;
    reg  cells$11$en;
    reg  [7:0] cells$11$x;
    reg  [1:0] cells$11$code;
    wire  [7:0] cells$11$term;
    wire  cells$11$neg;
    reg  cells$12$clock;
    reg  cells$12$en;
    reg  [7:0] cells$12$x;
    reg  [1:0] cells$12$code;
    wire  [7:0] cells$12$term;
    wire  cells$12$neg;
    reg  cells$13$clock;
    reg  cells$13$en;
    reg  [7:0] cells$13$x;
    reg  [1:0] cells$13$code;
    wire  [7:0] cells$13$term;
    wire  cells$13$neg;
    reg  cells$14$clock;
    reg  cells$14$en;
    reg  [7:0] cells$14$x;
    reg  [1:0] cells$14$code;
    wire  [7:0] cells$14$term;
    wire  cells$14$neg;
    reg  cells$15$clock;
    reg  cells$15$en;
    reg  [7:0] cells$15$x;
    reg  [1:0] cells$15$code;
    wire  [7:0] cells$15$term;
    wire  cells$15$neg;
    reg  cells$16$clock;
    reg  cells$16$en;
    reg  [7:0] cells$16$x;
    reg  [1:0] cells$16$code;
    wire  [7:0] cells$16$term;
    wire  cells$16$neg;
    reg  cells$17$clock;
    reg  cells$17$en;
    reg  [7:0] cells$17$x;
    reg  [1:0] cells$17$code;
    wire  [7:0] cells$17$term;
    wire  cells$17$neg;
    reg  cells$18$clock;
    reg  cells$18$en;
    reg  [7:0] cells$18$x;
    reg  [1:0] cells$18$code;
    wire  [7:0] cells$18$term;
    wire  cells$18$neg;
    reg  cells$19$clock;
    reg  cells$19$en;
    reg  [7:0] cells$19$x;
    reg  [1:0] cells$19$code;
    wire  [7:0] cells$19$term;
    wire  cells$19$neg;
    reg  cells$20$clock;
    reg  cells$20$en;
    reg  [7:0] cells$20$x;
    reg  [1:0] cells$20$code;
    wire  [7:0] cells$20$term;
    wire  cells$20$neg;
    reg  cells$21$clock;
    reg  cells$21$en;
    reg  [7:0] cells$21$x;
    reg  [1:0] cells$21$code;
    wire  [7:0] cells$21$term;
    wire  cells$21$neg;
    reg  cells$22$clock;
    reg  cells$22$en;
    reg  [7:0] cells$22$x;
    reg  [1:0] cells$22$code;
    wire  [7:0] cells$22$term;
    wire  cells$22$neg;
    reg  cells$23$clock;
    reg  cells$23$en;
    reg  [7:0] cells$23$x;
    reg  [1:0] cells$23$code;
    wire  [7:0] cells$23$term;
    wire  cells$23$neg;
    reg  cells$24$clock;
    reg  cells$24$en;
    reg  [7:0] cells$24$x;
    reg  [1:0] cells$24$code;
    wire  [7:0] cells$24$term;
    wire  cells$24$neg;
    reg  cells$25$clock;
    reg  cells$25$en;
    reg  [7:0] cells$25$x;
    reg  [1:0] cells$25$code;
    wire  [7:0] cells$25$term;
    wire  cells$25$neg;
    reg  cells$26$clock;
    reg  cells$26$en;
    reg  [7:0] cells$26$x;
    reg  [1:0] cells$26$code;
    wire  [7:0] cells$26$term;
    wire  cells$26$neg;
    reg  cells$27$clock;
    reg  cells$27$en;
    reg  [7:0] cells$27$x;
    reg  [1:0] cells$27$code;
    wire  [7:0] cells$27$term;
    wire  cells$27$neg;
    reg  cells$28$clock;
    reg  cells$28$en;
    reg  [7:0] cells$28$x;
    reg  [1:0] cells$28$code;
    wire  [7:0] cells$28$term;
    wire  cells$28$neg;
    reg  cells$29$clock;
    reg  cells$29$en;
    reg  [7:0] cells$29$x;
    reg  [1:0] cells$29$code;
    wire  [7:0] cells$29$term;
    wire  cells$29$neg;
    reg  cells$30$clock;
    reg  cells$30$en;
    reg  [7:0] cells$30$x;
    reg  [1:0] cells$30$code;
    wire  [7:0] cells$30$term;
    wire  cells$30$neg;
    reg  cells$31$clock;
    reg  cells$31$en;
    reg  [7:0] cells$31$x;
    reg  [1:0] cells$31$code;
    wire  [7:0] cells$31$term;
    wire  cells$31$neg;
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
    reg  t1$4$clock;
    reg  t1$4$en;
    reg  [7:0] t1$4$a;
    reg  [7:0] t1$4$b;
    reg  t1$4$cin;
    reg  t1$4$pin;
    wire  [8:0] t1$4$sum;
    wire  t1$4$carry;
    wire  [31:0] t1$4$wide;
    reg  t1$5$clock;
    reg  t1$5$en;
    reg  [7:0] t1$5$a;
    reg  [7:0] t1$5$b;
    reg  t1$5$cin;
    reg  t1$5$pin;
    wire  [8:0] t1$5$sum;
    wire  t1$5$carry;
    wire  [31:0] t1$5$wide;
    reg  t1$6$clock;
    reg  t1$6$en;
    reg  [7:0] t1$6$a;
    reg  [7:0] t1$6$b;
    reg  t1$6$cin;
    reg  t1$6$pin;
    wire  [8:0] t1$6$sum;
    wire  t1$6$carry;
    wire  [31:0] t1$6$wide;
    reg  t1$7$clock;
    reg  t1$7$en;
    reg  [7:0] t1$7$a;
    reg  [7:0] t1$7$b;
    reg  t1$7$cin;
    reg  t1$7$pin;
    wire  [8:0] t1$7$sum;
    wire  t1$7$carry;
    wire  [31:0] t1$7$wide;
    reg  t1$8$clock;
    reg  t1$8$en;
    reg  [7:0] t1$8$a;
    reg  [7:0] t1$8$b;
    reg  t1$8$cin;
    reg  t1$8$pin;
    wire  [8:0] t1$8$sum;
    wire  t1$8$carry;
    wire  [31:0] t1$8$wide;
    reg  t1$9$clock;
    reg  t1$9$en;
    reg  [7:0] t1$9$a;
    reg  [7:0] t1$9$b;
    reg  t1$9$cin;
    reg  t1$9$pin;
    wire  [8:0] t1$9$sum;
    wire  t1$9$carry;
    wire  [31:0] t1$9$wide;
    reg  t1$10$clock;
    reg  t1$10$en;
    reg  [7:0] t1$10$a;
    reg  [7:0] t1$10$b;
    reg  t1$10$cin;
    reg  t1$10$pin;
    wire  [8:0] t1$10$sum;
    wire  t1$10$carry;
    wire  [31:0] t1$10$wide;
    reg  t1$11$clock;
    reg  t1$11$en;
    reg  [7:0] t1$11$a;
    reg  [7:0] t1$11$b;
    reg  t1$11$cin;
    reg  t1$11$pin;
    wire  [8:0] t1$11$sum;
    wire  t1$11$carry;
    wire  [31:0] t1$11$wide;
    reg  t1$12$clock;
    reg  t1$12$en;
    reg  [7:0] t1$12$a;
    reg  [7:0] t1$12$b;
    reg  t1$12$cin;
    reg  t1$12$pin;
    wire  [8:0] t1$12$sum;
    wire  t1$12$carry;
    wire  [31:0] t1$12$wide;
    reg  t1$13$clock;
    reg  t1$13$en;
    reg  [7:0] t1$13$a;
    reg  [7:0] t1$13$b;
    reg  t1$13$cin;
    reg  t1$13$pin;
    wire  [8:0] t1$13$sum;
    wire  t1$13$carry;
    wire  [31:0] t1$13$wide;
    reg  t1$14$clock;
    reg  t1$14$en;
    reg  [7:0] t1$14$a;
    reg  [7:0] t1$14$b;
    reg  t1$14$cin;
    reg  t1$14$pin;
    wire  [8:0] t1$14$sum;
    wire  t1$14$carry;
    wire  [31:0] t1$14$wide;
    reg  t1$15$clock;
    reg  t1$15$en;
    reg  [7:0] t1$15$a;
    reg  [7:0] t1$15$b;
    reg  t1$15$cin;
    reg  t1$15$pin;
    wire  [8:0] t1$15$sum;
    wire  t1$15$carry;
    wire  [31:0] t1$15$wide;
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
    reg  t2$2$clock;
    reg  t2$2$en;
    reg  [8:0] t2$2$a;
    reg  [8:0] t2$2$b;
    reg  t2$2$cin;
    reg  t2$2$pin;
    wire  [9:0] t2$2$sum;
    wire  t2$2$carry;
    wire  [31:0] t2$2$wide;
    reg  t2$3$clock;
    reg  t2$3$en;
    reg  [8:0] t2$3$a;
    reg  [8:0] t2$3$b;
    reg  t2$3$cin;
    reg  t2$3$pin;
    wire  [9:0] t2$3$sum;
    wire  t2$3$carry;
    wire  [31:0] t2$3$wide;
    reg  t2$4$clock;
    reg  t2$4$en;
    reg  [8:0] t2$4$a;
    reg  [8:0] t2$4$b;
    reg  t2$4$cin;
    reg  t2$4$pin;
    wire  [9:0] t2$4$sum;
    wire  t2$4$carry;
    wire  [31:0] t2$4$wide;
    reg  t2$5$clock;
    reg  t2$5$en;
    reg  [8:0] t2$5$a;
    reg  [8:0] t2$5$b;
    reg  t2$5$cin;
    reg  t2$5$pin;
    wire  [9:0] t2$5$sum;
    wire  t2$5$carry;
    wire  [31:0] t2$5$wide;
    reg  t2$6$clock;
    reg  t2$6$en;
    reg  [8:0] t2$6$a;
    reg  [8:0] t2$6$b;
    reg  t2$6$cin;
    reg  t2$6$pin;
    wire  [9:0] t2$6$sum;
    wire  t2$6$carry;
    wire  [31:0] t2$6$wide;
    reg  t2$7$clock;
    reg  t2$7$en;
    reg  [8:0] t2$7$a;
    reg  [8:0] t2$7$b;
    reg  t2$7$cin;
    reg  t2$7$pin;
    wire  [9:0] t2$7$sum;
    wire  t2$7$carry;
    wire  [31:0] t2$7$wide;
    reg  t3$0$clock;
    reg  t3$0$en;
    reg  [9:0] t3$0$a;
    reg  [9:0] t3$0$b;
    reg  t3$0$cin;
    reg  t3$0$pin;
    wire  [10:0] t3$0$sum;
    wire  t3$0$carry;
    wire  [31:0] t3$0$wide;
    reg  t3$1$clock;
    reg  t3$1$en;
    reg  [9:0] t3$1$a;
    reg  [9:0] t3$1$b;
    reg  t3$1$cin;
    reg  t3$1$pin;
    wire  [10:0] t3$1$sum;
    wire  t3$1$carry;
    wire  [31:0] t3$1$wide;
    reg  t3$2$clock;
    reg  t3$2$en;
    reg  [9:0] t3$2$a;
    reg  [9:0] t3$2$b;
    reg  t3$2$cin;
    reg  t3$2$pin;
    wire  [10:0] t3$2$sum;
    wire  t3$2$carry;
    wire  [31:0] t3$2$wide;
    reg  t3$3$clock;
    reg  t3$3$en;
    reg  [9:0] t3$3$a;
    reg  [9:0] t3$3$b;
    reg  t3$3$cin;
    reg  t3$3$pin;
    wire  [10:0] t3$3$sum;
    wire  t3$3$carry;
    wire  [31:0] t3$3$wide;
    reg  t4$0$clock;
    reg  t4$0$en;
    reg  [10:0] t4$0$a;
    reg  [10:0] t4$0$b;
    reg  t4$0$cin;
    reg  t4$0$pin;
    wire  [11:0] t4$0$sum;
    wire  t4$0$carry;
    wire  [31:0] t4$0$wide;
    reg  t4$1$clock;
    reg  t4$1$en;
    reg  [10:0] t4$1$a;
    reg  [10:0] t4$1$b;
    reg  t4$1$cin;
    reg  t4$1$pin;
    wire  [11:0] t4$1$sum;
    wire  t4$1$carry;
    wire  [31:0] t4$1$wide;
    reg  t5$0$clock;
    reg  t5$0$en;
    reg  [11:0] t5$0$a;
    reg  [11:0] t5$0$b;
    reg  t5$0$cin;
    reg  t5$0$pin;
    wire  [12:0] t5$0$sum;
    wire  t5$0$carry;
    wire  [31:0] t5$0$wide;
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
    top$act_ram act_ram(
        .read_address(act_ram$read_address),
        .read_clock(act_ram$read_clock),
        .read_data(act_ram$read_data),
        .write_address(act_ram$write_address),
        .write_clock(act_ram$write_clock),
        .write_mask(act_ram$write_mask),
        .write_byte(act_ram$write_byte)
    );
    top$xr xr(
        .d(xr$d),
        .q(xr$q),
        .clock(xr$clock)
    );
    top$lane lane(
        .d(lane$d),
        .q(lane$q),
        .clock(lane$clock)
    );
    top$lane_end lane_end(
        .d(lane_end$d),
        .q(lane_end$q),
        .clock(lane_end$clock)
    );
    top$waddr waddr(
        .d(waddr$d),
        .q(waddr$q),
        .clock(waddr$clock)
    );
    top$wr_mask wr_mask(
        .d(wr_mask$d),
        .q(wr_mask$q),
        .clock(wr_mask$clock)
    );
    top$wr_addr wr_addr(
        .d(wr_addr$d),
        .q(wr_addr$q),
        .clock(wr_addr$clock)
    );
    top$wr_byte wr_byte(
        .d(wr_byte$d),
        .q(wr_byte$q),
        .clock(wr_byte$clock)
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
    top$rlast rlast(
        .d(rlast$d),
        .q(rlast$q),
        .clock(rlast$clock)
    );
    top$nlast nlast(
        .d(nlast$d),
        .q(nlast$q),
        .clock(nlast$clock)
    );
    top$raddr raddr(
        .d(raddr$d),
        .q(raddr$q),
        .clock(raddr$clock)
    );
    top$wb wb(
        .d(wb$d),
        .q(wb$q),
        .clock(wb$clock)
    );
    top$wb_v wb_v(
        .d(wb_v$d),
        .q(wb_v$q),
        .clock(wb_v$clock)
    );
    top$wb_last wb_last(
        .d(wb_last$d),
        .q(wb_last$q),
        .clock(wb_last$clock)
    );
    top$wopen wopen(
        .d(wopen$d),
        .q(wopen$q),
        .clock(wopen$clock)
    );
    top$run run(
        .d(run$d),
        .q(run$q),
        .clock(run$clock)
    );
    top$shift shift(
        .d(shift$d),
        .q(shift$q),
        .clock(shift$clock)
    );
    top$hold hold(
        .d(hold$d),
        .q(hold$q),
        .clock(hold$clock)
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
    top$cells$0 cells$0(
        .clock(cells$0$clock),
        .en(cells$0$en),
        .x(cells$0$x),
        .code(cells$0$code),
        .term(cells$0$term),
        .neg(cells$0$neg)
    );
    top$cells$1 cells$1(
        .clock(cells$1$clock),
        .en(cells$1$en),
        .x(cells$1$x),
        .code(cells$1$code),
        .term(cells$1$term),
        .neg(cells$1$neg)
    );
    top$cells$2 cells$2(
        .clock(cells$2$clock),
        .en(cells$2$en),
        .x(cells$2$x),
        .code(cells$2$code),
        .term(cells$2$term),
        .neg(cells$2$neg)
    );
    top$cells$3 cells$3(
        .clock(cells$3$clock),
        .en(cells$3$en),
        .x(cells$3$x),
        .code(cells$3$code),
        .term(cells$3$term),
        .neg(cells$3$neg)
    );
    top$cells$4 cells$4(
        .clock(cells$4$clock),
        .en(cells$4$en),
        .x(cells$4$x),
        .code(cells$4$code),
        .term(cells$4$term),
        .neg(cells$4$neg)
    );
    top$cells$5 cells$5(
        .clock(cells$5$clock),
        .en(cells$5$en),
        .x(cells$5$x),
        .code(cells$5$code),
        .term(cells$5$term),
        .neg(cells$5$neg)
    );
    top$cells$6 cells$6(
        .clock(cells$6$clock),
        .en(cells$6$en),
        .x(cells$6$x),
        .code(cells$6$code),
        .term(cells$6$term),
        .neg(cells$6$neg)
    );
    top$cells$7 cells$7(
        .clock(cells$7$clock),
        .en(cells$7$en),
        .x(cells$7$x),
        .code(cells$7$code),
        .term(cells$7$term),
        .neg(cells$7$neg)
    );
    top$cells$8 cells$8(
        .clock(cells$8$clock),
        .en(cells$8$en),
        .x(cells$8$x),
        .code(cells$8$code),
        .term(cells$8$term),
        .neg(cells$8$neg)
    );
    top$cells$9 cells$9(
        .clock(cells$9$clock),
        .en(cells$9$en),
        .x(cells$9$x),
        .code(cells$9$code),
        .term(cells$9$term),
        .neg(cells$9$neg)
    );
    top$cells$10 cells$10(
        .clock(cells$10$clock),
        .en(cells$10$en),
        .x(cells$10$x),
        .code(cells$10$code),
        .term(cells$10$term),
        .neg(cells$10$neg)
    );
    top$cells$11 cells$11(
        .clock(cells$11$clock),
        .en(cells$11$en),
        .x(cells$11$x),
        .code(cells$11$code),
        .term(cells$11$term),
        .neg(cells$11$neg)
    );
    top$cells$12 cells$12(
        .clock(cells$12$clock),
        .en(cells$12$en),
        .x(cells$12$x),
        .code(cells$12$code),
        .term(cells$12$term),
        .neg(cells$12$neg)
    );
    top$cells$13 cells$13(
        .clock(cells$13$clock),
        .en(cells$13$en),
        .x(cells$13$x),
        .code(cells$13$code),
        .term(cells$13$term),
        .neg(cells$13$neg)
    );
    top$cells$14 cells$14(
        .clock(cells$14$clock),
        .en(cells$14$en),
        .x(cells$14$x),
        .code(cells$14$code),
        .term(cells$14$term),
        .neg(cells$14$neg)
    );
    top$cells$15 cells$15(
        .clock(cells$15$clock),
        .en(cells$15$en),
        .x(cells$15$x),
        .code(cells$15$code),
        .term(cells$15$term),
        .neg(cells$15$neg)
    );
    top$cells$16 cells$16(
        .clock(cells$16$clock),
        .en(cells$16$en),
        .x(cells$16$x),
        .code(cells$16$code),
        .term(cells$16$term),
        .neg(cells$16$neg)
    );
    top$cells$17 cells$17(
        .clock(cells$17$clock),
        .en(cells$17$en),
        .x(cells$17$x),
        .code(cells$17$code),
        .term(cells$17$term),
        .neg(cells$17$neg)
    );
    top$cells$18 cells$18(
        .clock(cells$18$clock),
        .en(cells$18$en),
        .x(cells$18$x),
        .code(cells$18$code),
        .term(cells$18$term),
        .neg(cells$18$neg)
    );
    top$cells$19 cells$19(
        .clock(cells$19$clock),
        .en(cells$19$en),
        .x(cells$19$x),
        .code(cells$19$code),
        .term(cells$19$term),
        .neg(cells$19$neg)
    );
    top$cells$20 cells$20(
        .clock(cells$20$clock),
        .en(cells$20$en),
        .x(cells$20$x),
        .code(cells$20$code),
        .term(cells$20$term),
        .neg(cells$20$neg)
    );
    top$cells$21 cells$21(
        .clock(cells$21$clock),
        .en(cells$21$en),
        .x(cells$21$x),
        .code(cells$21$code),
        .term(cells$21$term),
        .neg(cells$21$neg)
    );
    top$cells$22 cells$22(
        .clock(cells$22$clock),
        .en(cells$22$en),
        .x(cells$22$x),
        .code(cells$22$code),
        .term(cells$22$term),
        .neg(cells$22$neg)
    );
    top$cells$23 cells$23(
        .clock(cells$23$clock),
        .en(cells$23$en),
        .x(cells$23$x),
        .code(cells$23$code),
        .term(cells$23$term),
        .neg(cells$23$neg)
    );
    top$cells$24 cells$24(
        .clock(cells$24$clock),
        .en(cells$24$en),
        .x(cells$24$x),
        .code(cells$24$code),
        .term(cells$24$term),
        .neg(cells$24$neg)
    );
    top$cells$25 cells$25(
        .clock(cells$25$clock),
        .en(cells$25$en),
        .x(cells$25$x),
        .code(cells$25$code),
        .term(cells$25$term),
        .neg(cells$25$neg)
    );
    top$cells$26 cells$26(
        .clock(cells$26$clock),
        .en(cells$26$en),
        .x(cells$26$x),
        .code(cells$26$code),
        .term(cells$26$term),
        .neg(cells$26$neg)
    );
    top$cells$27 cells$27(
        .clock(cells$27$clock),
        .en(cells$27$en),
        .x(cells$27$x),
        .code(cells$27$code),
        .term(cells$27$term),
        .neg(cells$27$neg)
    );
    top$cells$28 cells$28(
        .clock(cells$28$clock),
        .en(cells$28$en),
        .x(cells$28$x),
        .code(cells$28$code),
        .term(cells$28$term),
        .neg(cells$28$neg)
    );
    top$cells$29 cells$29(
        .clock(cells$29$clock),
        .en(cells$29$en),
        .x(cells$29$x),
        .code(cells$29$code),
        .term(cells$29$term),
        .neg(cells$29$neg)
    );
    top$cells$30 cells$30(
        .clock(cells$30$clock),
        .en(cells$30$en),
        .x(cells$30$x),
        .code(cells$30$code),
        .term(cells$30$term),
        .neg(cells$30$neg)
    );
    top$cells$31 cells$31(
        .clock(cells$31$clock),
        .en(cells$31$en),
        .x(cells$31$x),
        .code(cells$31$code),
        .term(cells$31$term),
        .neg(cells$31$neg)
    );
    top$t1$0 t1$0(
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
    top$t1$1 t1$1(
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
    top$t1$2 t1$2(
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
    top$t1$3 t1$3(
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
    top$t1$4 t1$4(
        .clock(t1$4$clock),
        .en(t1$4$en),
        .a(t1$4$a),
        .b(t1$4$b),
        .cin(t1$4$cin),
        .pin(t1$4$pin),
        .sum(t1$4$sum),
        .carry(t1$4$carry),
        .wide(t1$4$wide)
    );
    top$t1$5 t1$5(
        .clock(t1$5$clock),
        .en(t1$5$en),
        .a(t1$5$a),
        .b(t1$5$b),
        .cin(t1$5$cin),
        .pin(t1$5$pin),
        .sum(t1$5$sum),
        .carry(t1$5$carry),
        .wide(t1$5$wide)
    );
    top$t1$6 t1$6(
        .clock(t1$6$clock),
        .en(t1$6$en),
        .a(t1$6$a),
        .b(t1$6$b),
        .cin(t1$6$cin),
        .pin(t1$6$pin),
        .sum(t1$6$sum),
        .carry(t1$6$carry),
        .wide(t1$6$wide)
    );
    top$t1$7 t1$7(
        .clock(t1$7$clock),
        .en(t1$7$en),
        .a(t1$7$a),
        .b(t1$7$b),
        .cin(t1$7$cin),
        .pin(t1$7$pin),
        .sum(t1$7$sum),
        .carry(t1$7$carry),
        .wide(t1$7$wide)
    );
    top$t1$8 t1$8(
        .clock(t1$8$clock),
        .en(t1$8$en),
        .a(t1$8$a),
        .b(t1$8$b),
        .cin(t1$8$cin),
        .pin(t1$8$pin),
        .sum(t1$8$sum),
        .carry(t1$8$carry),
        .wide(t1$8$wide)
    );
    top$t1$9 t1$9(
        .clock(t1$9$clock),
        .en(t1$9$en),
        .a(t1$9$a),
        .b(t1$9$b),
        .cin(t1$9$cin),
        .pin(t1$9$pin),
        .sum(t1$9$sum),
        .carry(t1$9$carry),
        .wide(t1$9$wide)
    );
    top$t1$10 t1$10(
        .clock(t1$10$clock),
        .en(t1$10$en),
        .a(t1$10$a),
        .b(t1$10$b),
        .cin(t1$10$cin),
        .pin(t1$10$pin),
        .sum(t1$10$sum),
        .carry(t1$10$carry),
        .wide(t1$10$wide)
    );
    top$t1$11 t1$11(
        .clock(t1$11$clock),
        .en(t1$11$en),
        .a(t1$11$a),
        .b(t1$11$b),
        .cin(t1$11$cin),
        .pin(t1$11$pin),
        .sum(t1$11$sum),
        .carry(t1$11$carry),
        .wide(t1$11$wide)
    );
    top$t1$12 t1$12(
        .clock(t1$12$clock),
        .en(t1$12$en),
        .a(t1$12$a),
        .b(t1$12$b),
        .cin(t1$12$cin),
        .pin(t1$12$pin),
        .sum(t1$12$sum),
        .carry(t1$12$carry),
        .wide(t1$12$wide)
    );
    top$t1$13 t1$13(
        .clock(t1$13$clock),
        .en(t1$13$en),
        .a(t1$13$a),
        .b(t1$13$b),
        .cin(t1$13$cin),
        .pin(t1$13$pin),
        .sum(t1$13$sum),
        .carry(t1$13$carry),
        .wide(t1$13$wide)
    );
    top$t1$14 t1$14(
        .clock(t1$14$clock),
        .en(t1$14$en),
        .a(t1$14$a),
        .b(t1$14$b),
        .cin(t1$14$cin),
        .pin(t1$14$pin),
        .sum(t1$14$sum),
        .carry(t1$14$carry),
        .wide(t1$14$wide)
    );
    top$t1$15 t1$15(
        .clock(t1$15$clock),
        .en(t1$15$en),
        .a(t1$15$a),
        .b(t1$15$b),
        .cin(t1$15$cin),
        .pin(t1$15$pin),
        .sum(t1$15$sum),
        .carry(t1$15$carry),
        .wide(t1$15$wide)
    );
    top$t2$0 t2$0(
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
    top$t2$1 t2$1(
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
    top$t2$2 t2$2(
        .clock(t2$2$clock),
        .en(t2$2$en),
        .a(t2$2$a),
        .b(t2$2$b),
        .cin(t2$2$cin),
        .pin(t2$2$pin),
        .sum(t2$2$sum),
        .carry(t2$2$carry),
        .wide(t2$2$wide)
    );
    top$t2$3 t2$3(
        .clock(t2$3$clock),
        .en(t2$3$en),
        .a(t2$3$a),
        .b(t2$3$b),
        .cin(t2$3$cin),
        .pin(t2$3$pin),
        .sum(t2$3$sum),
        .carry(t2$3$carry),
        .wide(t2$3$wide)
    );
    top$t2$4 t2$4(
        .clock(t2$4$clock),
        .en(t2$4$en),
        .a(t2$4$a),
        .b(t2$4$b),
        .cin(t2$4$cin),
        .pin(t2$4$pin),
        .sum(t2$4$sum),
        .carry(t2$4$carry),
        .wide(t2$4$wide)
    );
    top$t2$5 t2$5(
        .clock(t2$5$clock),
        .en(t2$5$en),
        .a(t2$5$a),
        .b(t2$5$b),
        .cin(t2$5$cin),
        .pin(t2$5$pin),
        .sum(t2$5$sum),
        .carry(t2$5$carry),
        .wide(t2$5$wide)
    );
    top$t2$6 t2$6(
        .clock(t2$6$clock),
        .en(t2$6$en),
        .a(t2$6$a),
        .b(t2$6$b),
        .cin(t2$6$cin),
        .pin(t2$6$pin),
        .sum(t2$6$sum),
        .carry(t2$6$carry),
        .wide(t2$6$wide)
    );
    top$t2$7 t2$7(
        .clock(t2$7$clock),
        .en(t2$7$en),
        .a(t2$7$a),
        .b(t2$7$b),
        .cin(t2$7$cin),
        .pin(t2$7$pin),
        .sum(t2$7$sum),
        .carry(t2$7$carry),
        .wide(t2$7$wide)
    );
    top$t3$0 t3$0(
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
    top$t3$1 t3$1(
        .clock(t3$1$clock),
        .en(t3$1$en),
        .a(t3$1$a),
        .b(t3$1$b),
        .cin(t3$1$cin),
        .pin(t3$1$pin),
        .sum(t3$1$sum),
        .carry(t3$1$carry),
        .wide(t3$1$wide)
    );
    top$t3$2 t3$2(
        .clock(t3$2$clock),
        .en(t3$2$en),
        .a(t3$2$a),
        .b(t3$2$b),
        .cin(t3$2$cin),
        .pin(t3$2$pin),
        .sum(t3$2$sum),
        .carry(t3$2$carry),
        .wide(t3$2$wide)
    );
    top$t3$3 t3$3(
        .clock(t3$3$clock),
        .en(t3$3$en),
        .a(t3$3$a),
        .b(t3$3$b),
        .cin(t3$3$cin),
        .pin(t3$3$pin),
        .sum(t3$3$sum),
        .carry(t3$3$carry),
        .wide(t3$3$wide)
    );
    top$t4$0 t4$0(
        .clock(t4$0$clock),
        .en(t4$0$en),
        .a(t4$0$a),
        .b(t4$0$b),
        .cin(t4$0$cin),
        .pin(t4$0$pin),
        .sum(t4$0$sum),
        .carry(t4$0$carry),
        .wide(t4$0$wide)
    );
    top$t4$1 t4$1(
        .clock(t4$1$clock),
        .en(t4$1$en),
        .a(t4$1$a),
        .b(t4$1$b),
        .cin(t4$1$cin),
        .pin(t4$1$pin),
        .sum(t4$1$sum),
        .carry(t4$1$carry),
        .wide(t4$1$wide)
    );
    top$t5$0 t5$0(
        .clock(t5$0$clock),
        .en(t5$0$en),
        .a(t5$0$a),
        .b(t5$0$b),
        .cin(t5$0$cin),
        .pin(t5$0$pin),
        .sum(t5$0$sum),
        .carry(t5$0$carry),
        .wide(t5$0$wide)
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
    top$res2 res2(
        .d(res2$d),
        .q(res2$q),
        .clock(res2$clock)
    );
    top$res2_v res2_v(
        .d(res2_v$d),
        .q(res2_v$q),
        .clock(res2_v$clock)
    );
    top$naddr naddr(
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
        vld$4$clock = clock;
        vld$4$d = vld$4$q;
        lst$4$clock = clock;
        lst$4$d = lst$4$q;
        vld$5$clock = clock;
        vld$5$d = vld$5$q;
        lst$5$clock = clock;
        lst$5$d = lst$5$q;
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
        cells$8$clock = clock;
        cells$8$en = adv;
        cells$8$x = xr$q[(8 * 32'h8)+:(8)];
        if (direct_c) begin
            cells$8$x = act_ram$read_data[(8 * 32'h8)+:(8)];
        end
        cells$8$code = wb$q[(8 * 32'h2)+:(2)];
        cells$9$clock = clock;
        cells$9$en = adv;
        cells$9$x = xr$q[(9 * 32'h8)+:(8)];
        if (direct_c) begin
            cells$9$x = act_ram$read_data[(9 * 32'h8)+:(8)];
        end
        cells$9$code = wb$q[(9 * 32'h2)+:(2)];
        cells$10$clock = clock;
        cells$10$en = adv;
        cells$10$x = xr$q[(10 * 32'h8)+:(8)];
        if (direct_c) begin
            cells$10$x = act_ram$read_data[(10 * 32'h8)+:(8)];
        end
        cells$10$code = wb$q[(10 * 32'h2)+:(2)];
        cells$11$clock = clock;
        cells$11$en = adv;
        cells$11$x = xr$q[(11 * 32'h8)+:(8)];
        if (direct_c) begin
            cells$11$x = act_ram$read_data[(11 * 32'h8)+:(8)];
        end
        cells$11$code = wb$q[(11 * 32'h2)+:(2)];
        cells$12$clock = clock;
        cells$12$en = adv;
        cells$12$x = xr$q[(12 * 32'h8)+:(8)];
        if (direct_c) begin
            cells$12$x = act_ram$read_data[(12 * 32'h8)+:(8)];
        end
        cells$12$code = wb$q[(12 * 32'h2)+:(2)];
        cells$13$clock = clock;
        cells$13$en = adv;
        cells$13$x = xr$q[(13 * 32'h8)+:(8)];
        if (direct_c) begin
            cells$13$x = act_ram$read_data[(13 * 32'h8)+:(8)];
        end
        cells$13$code = wb$q[(13 * 32'h2)+:(2)];
        cells$14$clock = clock;
        cells$14$en = adv;
        cells$14$x = xr$q[(14 * 32'h8)+:(8)];
        if (direct_c) begin
            cells$14$x = act_ram$read_data[(14 * 32'h8)+:(8)];
        end
        cells$14$code = wb$q[(14 * 32'h2)+:(2)];
        cells$15$clock = clock;
        cells$15$en = adv;
        cells$15$x = xr$q[(15 * 32'h8)+:(8)];
        if (direct_c) begin
            cells$15$x = act_ram$read_data[(15 * 32'h8)+:(8)];
        end
        cells$15$code = wb$q[(15 * 32'h2)+:(2)];
        cells$16$clock = clock;
        cells$16$en = adv;
        cells$16$x = xr$q[(16 * 32'h8)+:(8)];
        if (direct_c) begin
            cells$16$x = act_ram$read_data[(16 * 32'h8)+:(8)];
        end
        cells$16$code = wb$q[(16 * 32'h2)+:(2)];
        cells$17$clock = clock;
        cells$17$en = adv;
        cells$17$x = xr$q[(17 * 32'h8)+:(8)];
        if (direct_c) begin
            cells$17$x = act_ram$read_data[(17 * 32'h8)+:(8)];
        end
        cells$17$code = wb$q[(17 * 32'h2)+:(2)];
        cells$18$clock = clock;
        cells$18$en = adv;
        cells$18$x = xr$q[(18 * 32'h8)+:(8)];
        if (direct_c) begin
            cells$18$x = act_ram$read_data[(18 * 32'h8)+:(8)];
        end
        cells$18$code = wb$q[(18 * 32'h2)+:(2)];
        cells$19$clock = clock;
        cells$19$en = adv;
        cells$19$x = xr$q[(19 * 32'h8)+:(8)];
        if (direct_c) begin
            cells$19$x = act_ram$read_data[(19 * 32'h8)+:(8)];
        end
        cells$19$code = wb$q[(19 * 32'h2)+:(2)];
        cells$20$clock = clock;
        cells$20$en = adv;
        cells$20$x = xr$q[(20 * 32'h8)+:(8)];
        if (direct_c) begin
            cells$20$x = act_ram$read_data[(20 * 32'h8)+:(8)];
        end
        cells$20$code = wb$q[(20 * 32'h2)+:(2)];
        cells$21$clock = clock;
        cells$21$en = adv;
        cells$21$x = xr$q[(21 * 32'h8)+:(8)];
        if (direct_c) begin
            cells$21$x = act_ram$read_data[(21 * 32'h8)+:(8)];
        end
        cells$21$code = wb$q[(21 * 32'h2)+:(2)];
        cells$22$clock = clock;
        cells$22$en = adv;
        cells$22$x = xr$q[(22 * 32'h8)+:(8)];
        if (direct_c) begin
            cells$22$x = act_ram$read_data[(22 * 32'h8)+:(8)];
        end
        cells$22$code = wb$q[(22 * 32'h2)+:(2)];
        cells$23$clock = clock;
        cells$23$en = adv;
        cells$23$x = xr$q[(23 * 32'h8)+:(8)];
        if (direct_c) begin
            cells$23$x = act_ram$read_data[(23 * 32'h8)+:(8)];
        end
        cells$23$code = wb$q[(23 * 32'h2)+:(2)];
        cells$24$clock = clock;
        cells$24$en = adv;
        cells$24$x = xr$q[(24 * 32'h8)+:(8)];
        if (direct_c) begin
            cells$24$x = act_ram$read_data[(24 * 32'h8)+:(8)];
        end
        cells$24$code = wb$q[(24 * 32'h2)+:(2)];
        cells$25$clock = clock;
        cells$25$en = adv;
        cells$25$x = xr$q[(25 * 32'h8)+:(8)];
        if (direct_c) begin
            cells$25$x = act_ram$read_data[(25 * 32'h8)+:(8)];
        end
        cells$25$code = wb$q[(25 * 32'h2)+:(2)];
        cells$26$clock = clock;
        cells$26$en = adv;
        cells$26$x = xr$q[(26 * 32'h8)+:(8)];
        if (direct_c) begin
            cells$26$x = act_ram$read_data[(26 * 32'h8)+:(8)];
        end
        cells$26$code = wb$q[(26 * 32'h2)+:(2)];
        cells$27$clock = clock;
        cells$27$en = adv;
        cells$27$x = xr$q[(27 * 32'h8)+:(8)];
        if (direct_c) begin
            cells$27$x = act_ram$read_data[(27 * 32'h8)+:(8)];
        end
        cells$27$code = wb$q[(27 * 32'h2)+:(2)];
        cells$28$clock = clock;
        cells$28$en = adv;
        cells$28$x = xr$q[(28 * 32'h8)+:(8)];
        if (direct_c) begin
            cells$28$x = act_ram$read_data[(28 * 32'h8)+:(8)];
        end
        cells$28$code = wb$q[(28 * 32'h2)+:(2)];
        cells$29$clock = clock;
        cells$29$en = adv;
        cells$29$x = xr$q[(29 * 32'h8)+:(8)];
        if (direct_c) begin
            cells$29$x = act_ram$read_data[(29 * 32'h8)+:(8)];
        end
        cells$29$code = wb$q[(29 * 32'h2)+:(2)];
        cells$30$clock = clock;
        cells$30$en = adv;
        cells$30$x = xr$q[(30 * 32'h8)+:(8)];
        if (direct_c) begin
            cells$30$x = act_ram$read_data[(30 * 32'h8)+:(8)];
        end
        cells$30$code = wb$q[(30 * 32'h2)+:(2)];
        cells$31$clock = clock;
        cells$31$en = adv;
        cells$31$x = xr$q[(31 * 32'h8)+:(8)];
        if (direct_c) begin
            cells$31$x = act_ram$read_data[(31 * 32'h8)+:(8)];
        end
        cells$31$code = wb$q[(31 * 32'h2)+:(2)];
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
        t1$4$clock = clock;
        t1$4$en = adv;
        t1$4$a = cells$8$term;
        t1$4$b = cells$9$term;
        t1$4$cin = cells$8$neg;
        t1$4$pin = cells$9$neg;
        t1$5$clock = clock;
        t1$5$en = adv;
        t1$5$a = cells$10$term;
        t1$5$b = cells$11$term;
        t1$5$cin = cells$10$neg;
        t1$5$pin = cells$11$neg;
        t1$6$clock = clock;
        t1$6$en = adv;
        t1$6$a = cells$12$term;
        t1$6$b = cells$13$term;
        t1$6$cin = cells$12$neg;
        t1$6$pin = cells$13$neg;
        t1$7$clock = clock;
        t1$7$en = adv;
        t1$7$a = cells$14$term;
        t1$7$b = cells$15$term;
        t1$7$cin = cells$14$neg;
        t1$7$pin = cells$15$neg;
        t1$8$clock = clock;
        t1$8$en = adv;
        t1$8$a = cells$16$term;
        t1$8$b = cells$17$term;
        t1$8$cin = cells$16$neg;
        t1$8$pin = cells$17$neg;
        t1$9$clock = clock;
        t1$9$en = adv;
        t1$9$a = cells$18$term;
        t1$9$b = cells$19$term;
        t1$9$cin = cells$18$neg;
        t1$9$pin = cells$19$neg;
        t1$10$clock = clock;
        t1$10$en = adv;
        t1$10$a = cells$20$term;
        t1$10$b = cells$21$term;
        t1$10$cin = cells$20$neg;
        t1$10$pin = cells$21$neg;
        t1$11$clock = clock;
        t1$11$en = adv;
        t1$11$a = cells$22$term;
        t1$11$b = cells$23$term;
        t1$11$cin = cells$22$neg;
        t1$11$pin = cells$23$neg;
        t1$12$clock = clock;
        t1$12$en = adv;
        t1$12$a = cells$24$term;
        t1$12$b = cells$25$term;
        t1$12$cin = cells$24$neg;
        t1$12$pin = cells$25$neg;
        t1$13$clock = clock;
        t1$13$en = adv;
        t1$13$a = cells$26$term;
        t1$13$b = cells$27$term;
        t1$13$cin = cells$26$neg;
        t1$13$pin = cells$27$neg;
        t1$14$clock = clock;
        t1$14$en = adv;
        t1$14$a = cells$28$term;
        t1$14$b = cells$29$term;
        t1$14$cin = cells$28$neg;
        t1$14$pin = cells$29$neg;
        t1$15$clock = clock;
        t1$15$en = adv;
        t1$15$a = cells$30$term;
        t1$15$b = cells$31$term;
        t1$15$cin = cells$30$neg;
        t1$15$pin = cells$31$neg;
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
        t2$2$clock = clock;
        t2$2$en = adv;
        t2$2$a = t1$4$sum;
        t2$2$b = t1$5$sum;
        t2$2$cin = t1$4$carry;
        t2$2$pin = t1$5$carry;
        t2$3$clock = clock;
        t2$3$en = adv;
        t2$3$a = t1$6$sum;
        t2$3$b = t1$7$sum;
        t2$3$cin = t1$6$carry;
        t2$3$pin = t1$7$carry;
        t2$4$clock = clock;
        t2$4$en = adv;
        t2$4$a = t1$8$sum;
        t2$4$b = t1$9$sum;
        t2$4$cin = t1$8$carry;
        t2$4$pin = t1$9$carry;
        t2$5$clock = clock;
        t2$5$en = adv;
        t2$5$a = t1$10$sum;
        t2$5$b = t1$11$sum;
        t2$5$cin = t1$10$carry;
        t2$5$pin = t1$11$carry;
        t2$6$clock = clock;
        t2$6$en = adv;
        t2$6$a = t1$12$sum;
        t2$6$b = t1$13$sum;
        t2$6$cin = t1$12$carry;
        t2$6$pin = t1$13$carry;
        t2$7$clock = clock;
        t2$7$en = adv;
        t2$7$a = t1$14$sum;
        t2$7$b = t1$15$sum;
        t2$7$cin = t1$14$carry;
        t2$7$pin = t1$15$carry;
        t3$0$clock = clock;
        t3$0$en = adv;
        t3$0$a = t2$0$sum;
        t3$0$b = t2$1$sum;
        t3$0$cin = t2$0$carry;
        t3$0$pin = t2$1$carry;
        t3$1$clock = clock;
        t3$1$en = adv;
        t3$1$a = t2$2$sum;
        t3$1$b = t2$3$sum;
        t3$1$cin = t2$2$carry;
        t3$1$pin = t2$3$carry;
        t3$2$clock = clock;
        t3$2$en = adv;
        t3$2$a = t2$4$sum;
        t3$2$b = t2$5$sum;
        t3$2$cin = t2$4$carry;
        t3$2$pin = t2$5$carry;
        t3$3$clock = clock;
        t3$3$en = adv;
        t3$3$a = t2$6$sum;
        t3$3$b = t2$7$sum;
        t3$3$cin = t2$6$carry;
        t3$3$pin = t2$7$carry;
        t4$0$clock = clock;
        t4$0$en = adv;
        t4$0$a = t3$0$sum;
        t4$0$b = t3$1$sum;
        t4$0$cin = t3$0$carry;
        t4$0$pin = t3$1$carry;
        t4$1$clock = clock;
        t4$1$en = adv;
        t4$1$a = t3$2$sum;
        t4$1$b = t3$3$sum;
        t4$1$cin = t3$2$carry;
        t4$1$pin = t3$3$carry;
        t5$0$clock = clock;
        t5$0$en = adv;
        t5$0$a = t4$0$sum;
        t5$0$b = t4$1$sum;
        t5$0$cin = t4$0$carry;
        t5$0$pin = t4$1$carry;
        root = 32'h0;
        root_c = 32'h0;
        root = t5$0$wide;
        root_c = t5$0$carry;
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
            if (vld$3$q) begin
                busy_n = 1'b1;
            end
            if (vld$4$q) begin
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
        fin = vld$5$q & lst$5$q;
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
            vld$4$d = vld$3$q;
            lst$4$d = lst$3$q;
            vld$5$d = vld$4$q;
            lst$5$d = lst$4$q;
            if (vld$5$q) begin
                acc$d = total;
                if (lst$5$q) begin
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


module top$act_ram(read_address,read_clock,read_data,write_address,write_clock,write_mask,write_byte);
    
    // Module arguments
    input wire  [7:0] read_address;
    input wire  read_clock;
    output reg  [255:0] read_data;
    input wire  [7:0] write_address;
    input wire  write_clock;
    input wire  [31:0] write_mask;
    input wire  [7:0] write_byte;
    
    // Update code (custom)
    (* no_rw_check *)
    reg[255:0] mem[255:0];
    
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
       if (write_mask[8]) mem[write_address][71:64] <= write_byte;
       if (write_mask[9]) mem[write_address][79:72] <= write_byte;
       if (write_mask[10]) mem[write_address][87:80] <= write_byte;
       if (write_mask[11]) mem[write_address][95:88] <= write_byte;
       if (write_mask[12]) mem[write_address][103:96] <= write_byte;
       if (write_mask[13]) mem[write_address][111:104] <= write_byte;
       if (write_mask[14]) mem[write_address][119:112] <= write_byte;
       if (write_mask[15]) mem[write_address][127:120] <= write_byte;
       if (write_mask[16]) mem[write_address][135:128] <= write_byte;
       if (write_mask[17]) mem[write_address][143:136] <= write_byte;
       if (write_mask[18]) mem[write_address][151:144] <= write_byte;
       if (write_mask[19]) mem[write_address][159:152] <= write_byte;
       if (write_mask[20]) mem[write_address][167:160] <= write_byte;
       if (write_mask[21]) mem[write_address][175:168] <= write_byte;
       if (write_mask[22]) mem[write_address][183:176] <= write_byte;
       if (write_mask[23]) mem[write_address][191:184] <= write_byte;
       if (write_mask[24]) mem[write_address][199:192] <= write_byte;
       if (write_mask[25]) mem[write_address][207:200] <= write_byte;
       if (write_mask[26]) mem[write_address][215:208] <= write_byte;
       if (write_mask[27]) mem[write_address][223:216] <= write_byte;
       if (write_mask[28]) mem[write_address][231:224] <= write_byte;
       if (write_mask[29]) mem[write_address][239:232] <= write_byte;
       if (write_mask[30]) mem[write_address][247:240] <= write_byte;
       if (write_mask[31]) mem[write_address][255:248] <= write_byte;
    end
endmodule // top$act_ram


module top$cells$0(clock,en,x,code,term,neg);
    
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
    top$cells$0$t t(
        .d(t$d),
        .q(t$q),
        .clock(t$clock)
    );
    top$cells$0$n n(
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
    
endmodule // top$cells$0


module top$cells$0$n(d,q,clock);
    
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
          
endmodule // top$cells$0$n


module top$cells$0$t(d,q,clock);
    
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
          
endmodule // top$cells$0$t


module top$cells$1(clock,en,x,code,term,neg);
    
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
    top$cells$1$t t(
        .d(t$d),
        .q(t$q),
        .clock(t$clock)
    );
    top$cells$1$n n(
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
    
endmodule // top$cells$1


module top$cells$1$n(d,q,clock);
    
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
          
endmodule // top$cells$1$n


module top$cells$1$t(d,q,clock);
    
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
          
endmodule // top$cells$1$t


module top$cells$10(clock,en,x,code,term,neg);
    
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
    top$cells$10$t t(
        .d(t$d),
        .q(t$q),
        .clock(t$clock)
    );
    top$cells$10$n n(
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
    
endmodule // top$cells$10


module top$cells$10$n(d,q,clock);
    
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
          
endmodule // top$cells$10$n


module top$cells$10$t(d,q,clock);
    
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
          
endmodule // top$cells$10$t


module top$cells$11(clock,en,x,code,term,neg);
    
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
    top$cells$11$t t(
        .d(t$d),
        .q(t$q),
        .clock(t$clock)
    );
    top$cells$11$n n(
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
    
endmodule // top$cells$11


module top$cells$11$n(d,q,clock);
    
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
          
endmodule // top$cells$11$n


module top$cells$11$t(d,q,clock);
    
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
          
endmodule // top$cells$11$t


module top$cells$12(clock,en,x,code,term,neg);
    
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
    top$cells$12$t t(
        .d(t$d),
        .q(t$q),
        .clock(t$clock)
    );
    top$cells$12$n n(
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
    
endmodule // top$cells$12


module top$cells$12$n(d,q,clock);
    
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
          
endmodule // top$cells$12$n


module top$cells$12$t(d,q,clock);
    
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
          
endmodule // top$cells$12$t


module top$cells$13(clock,en,x,code,term,neg);
    
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
    top$cells$13$t t(
        .d(t$d),
        .q(t$q),
        .clock(t$clock)
    );
    top$cells$13$n n(
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
    
endmodule // top$cells$13


module top$cells$13$n(d,q,clock);
    
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
          
endmodule // top$cells$13$n


module top$cells$13$t(d,q,clock);
    
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
          
endmodule // top$cells$13$t


module top$cells$14(clock,en,x,code,term,neg);
    
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
    top$cells$14$t t(
        .d(t$d),
        .q(t$q),
        .clock(t$clock)
    );
    top$cells$14$n n(
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
    
endmodule // top$cells$14


module top$cells$14$n(d,q,clock);
    
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
          
endmodule // top$cells$14$n


module top$cells$14$t(d,q,clock);
    
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
          
endmodule // top$cells$14$t


module top$cells$15(clock,en,x,code,term,neg);
    
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
    top$cells$15$t t(
        .d(t$d),
        .q(t$q),
        .clock(t$clock)
    );
    top$cells$15$n n(
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
    
endmodule // top$cells$15


module top$cells$15$n(d,q,clock);
    
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
          
endmodule // top$cells$15$n


module top$cells$15$t(d,q,clock);
    
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
          
endmodule // top$cells$15$t


module top$cells$16(clock,en,x,code,term,neg);
    
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
    top$cells$16$t t(
        .d(t$d),
        .q(t$q),
        .clock(t$clock)
    );
    top$cells$16$n n(
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
    
endmodule // top$cells$16


module top$cells$16$n(d,q,clock);
    
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
          
endmodule // top$cells$16$n


module top$cells$16$t(d,q,clock);
    
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
          
endmodule // top$cells$16$t


module top$cells$17(clock,en,x,code,term,neg);
    
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
    top$cells$17$t t(
        .d(t$d),
        .q(t$q),
        .clock(t$clock)
    );
    top$cells$17$n n(
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
    
endmodule // top$cells$17


module top$cells$17$n(d,q,clock);
    
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
          
endmodule // top$cells$17$n


module top$cells$17$t(d,q,clock);
    
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
          
endmodule // top$cells$17$t


module top$cells$18(clock,en,x,code,term,neg);
    
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
    top$cells$18$t t(
        .d(t$d),
        .q(t$q),
        .clock(t$clock)
    );
    top$cells$18$n n(
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
    
endmodule // top$cells$18


module top$cells$18$n(d,q,clock);
    
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
          
endmodule // top$cells$18$n


module top$cells$18$t(d,q,clock);
    
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
          
endmodule // top$cells$18$t


module top$cells$19(clock,en,x,code,term,neg);
    
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
    top$cells$19$t t(
        .d(t$d),
        .q(t$q),
        .clock(t$clock)
    );
    top$cells$19$n n(
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
    
endmodule // top$cells$19


module top$cells$19$n(d,q,clock);
    
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
          
endmodule // top$cells$19$n


module top$cells$19$t(d,q,clock);
    
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
          
endmodule // top$cells$19$t


module top$cells$2(clock,en,x,code,term,neg);
    
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
    top$cells$2$t t(
        .d(t$d),
        .q(t$q),
        .clock(t$clock)
    );
    top$cells$2$n n(
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
    
endmodule // top$cells$2


module top$cells$2$n(d,q,clock);
    
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
          
endmodule // top$cells$2$n


module top$cells$2$t(d,q,clock);
    
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
          
endmodule // top$cells$2$t


module top$cells$20(clock,en,x,code,term,neg);
    
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
    top$cells$20$t t(
        .d(t$d),
        .q(t$q),
        .clock(t$clock)
    );
    top$cells$20$n n(
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
    
endmodule // top$cells$20


module top$cells$20$n(d,q,clock);
    
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
          
endmodule // top$cells$20$n


module top$cells$20$t(d,q,clock);
    
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
          
endmodule // top$cells$20$t


module top$cells$21(clock,en,x,code,term,neg);
    
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
    top$cells$21$t t(
        .d(t$d),
        .q(t$q),
        .clock(t$clock)
    );
    top$cells$21$n n(
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
    
endmodule // top$cells$21


module top$cells$21$n(d,q,clock);
    
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
          
endmodule // top$cells$21$n


module top$cells$21$t(d,q,clock);
    
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
          
endmodule // top$cells$21$t


module top$cells$22(clock,en,x,code,term,neg);
    
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
    top$cells$22$t t(
        .d(t$d),
        .q(t$q),
        .clock(t$clock)
    );
    top$cells$22$n n(
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
    
endmodule // top$cells$22


module top$cells$22$n(d,q,clock);
    
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
          
endmodule // top$cells$22$n


module top$cells$22$t(d,q,clock);
    
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
          
endmodule // top$cells$22$t


module top$cells$23(clock,en,x,code,term,neg);
    
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
    top$cells$23$t t(
        .d(t$d),
        .q(t$q),
        .clock(t$clock)
    );
    top$cells$23$n n(
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
    
endmodule // top$cells$23


module top$cells$23$n(d,q,clock);
    
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
          
endmodule // top$cells$23$n


module top$cells$23$t(d,q,clock);
    
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
          
endmodule // top$cells$23$t


module top$cells$24(clock,en,x,code,term,neg);
    
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
    top$cells$24$t t(
        .d(t$d),
        .q(t$q),
        .clock(t$clock)
    );
    top$cells$24$n n(
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
    
endmodule // top$cells$24


module top$cells$24$n(d,q,clock);
    
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
          
endmodule // top$cells$24$n


module top$cells$24$t(d,q,clock);
    
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
          
endmodule // top$cells$24$t


module top$cells$25(clock,en,x,code,term,neg);
    
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
    top$cells$25$t t(
        .d(t$d),
        .q(t$q),
        .clock(t$clock)
    );
    top$cells$25$n n(
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
    
endmodule // top$cells$25


module top$cells$25$n(d,q,clock);
    
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
          
endmodule // top$cells$25$n


module top$cells$25$t(d,q,clock);
    
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
          
endmodule // top$cells$25$t


module top$cells$26(clock,en,x,code,term,neg);
    
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
    top$cells$26$t t(
        .d(t$d),
        .q(t$q),
        .clock(t$clock)
    );
    top$cells$26$n n(
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
    
endmodule // top$cells$26


module top$cells$26$n(d,q,clock);
    
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
          
endmodule // top$cells$26$n


module top$cells$26$t(d,q,clock);
    
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
          
endmodule // top$cells$26$t


module top$cells$27(clock,en,x,code,term,neg);
    
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
    top$cells$27$t t(
        .d(t$d),
        .q(t$q),
        .clock(t$clock)
    );
    top$cells$27$n n(
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
    
endmodule // top$cells$27


module top$cells$27$n(d,q,clock);
    
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
          
endmodule // top$cells$27$n


module top$cells$27$t(d,q,clock);
    
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
          
endmodule // top$cells$27$t


module top$cells$28(clock,en,x,code,term,neg);
    
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
    top$cells$28$t t(
        .d(t$d),
        .q(t$q),
        .clock(t$clock)
    );
    top$cells$28$n n(
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
    
endmodule // top$cells$28


module top$cells$28$n(d,q,clock);
    
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
          
endmodule // top$cells$28$n


module top$cells$28$t(d,q,clock);
    
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
          
endmodule // top$cells$28$t


module top$cells$29(clock,en,x,code,term,neg);
    
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
    top$cells$29$t t(
        .d(t$d),
        .q(t$q),
        .clock(t$clock)
    );
    top$cells$29$n n(
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
    
endmodule // top$cells$29


module top$cells$29$n(d,q,clock);
    
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
          
endmodule // top$cells$29$n


module top$cells$29$t(d,q,clock);
    
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
          
endmodule // top$cells$29$t


module top$cells$3(clock,en,x,code,term,neg);
    
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
    top$cells$3$t t(
        .d(t$d),
        .q(t$q),
        .clock(t$clock)
    );
    top$cells$3$n n(
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
    
endmodule // top$cells$3


module top$cells$3$n(d,q,clock);
    
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
          
endmodule // top$cells$3$n


module top$cells$3$t(d,q,clock);
    
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
          
endmodule // top$cells$3$t


module top$cells$30(clock,en,x,code,term,neg);
    
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
    top$cells$30$t t(
        .d(t$d),
        .q(t$q),
        .clock(t$clock)
    );
    top$cells$30$n n(
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
    
endmodule // top$cells$30


module top$cells$30$n(d,q,clock);
    
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
          
endmodule // top$cells$30$n


module top$cells$30$t(d,q,clock);
    
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
          
endmodule // top$cells$30$t


module top$cells$31(clock,en,x,code,term,neg);
    
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
    top$cells$31$t t(
        .d(t$d),
        .q(t$q),
        .clock(t$clock)
    );
    top$cells$31$n n(
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
    
endmodule // top$cells$31


module top$cells$31$n(d,q,clock);
    
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
          
endmodule // top$cells$31$n


module top$cells$31$t(d,q,clock);
    
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
          
endmodule // top$cells$31$t


module top$cells$4(clock,en,x,code,term,neg);
    
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
    top$cells$4$t t(
        .d(t$d),
        .q(t$q),
        .clock(t$clock)
    );
    top$cells$4$n n(
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
    
endmodule // top$cells$4


module top$cells$4$n(d,q,clock);
    
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
          
endmodule // top$cells$4$n


module top$cells$4$t(d,q,clock);
    
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
          
endmodule // top$cells$4$t


module top$cells$5(clock,en,x,code,term,neg);
    
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
    top$cells$5$t t(
        .d(t$d),
        .q(t$q),
        .clock(t$clock)
    );
    top$cells$5$n n(
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
    
endmodule // top$cells$5


module top$cells$5$n(d,q,clock);
    
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
          
endmodule // top$cells$5$n


module top$cells$5$t(d,q,clock);
    
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
          
endmodule // top$cells$5$t


module top$cells$6(clock,en,x,code,term,neg);
    
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
    top$cells$6$t t(
        .d(t$d),
        .q(t$q),
        .clock(t$clock)
    );
    top$cells$6$n n(
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
    
endmodule // top$cells$6


module top$cells$6$n(d,q,clock);
    
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
          
endmodule // top$cells$6$n


module top$cells$6$t(d,q,clock);
    
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
          
endmodule // top$cells$6$t


module top$cells$7(clock,en,x,code,term,neg);
    
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
    top$cells$7$t t(
        .d(t$d),
        .q(t$q),
        .clock(t$clock)
    );
    top$cells$7$n n(
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
    
endmodule // top$cells$7


module top$cells$7$n(d,q,clock);
    
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
          
endmodule // top$cells$7$n


module top$cells$7$t(d,q,clock);
    
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
          
endmodule // top$cells$7$t


module top$cells$8(clock,en,x,code,term,neg);
    
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
    top$cells$8$t t(
        .d(t$d),
        .q(t$q),
        .clock(t$clock)
    );
    top$cells$8$n n(
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
    
endmodule // top$cells$8


module top$cells$8$n(d,q,clock);
    
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
          
endmodule // top$cells$8$n


module top$cells$8$t(d,q,clock);
    
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
          
endmodule // top$cells$8$t


module top$cells$9(clock,en,x,code,term,neg);
    
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
    top$cells$9$t t(
        .d(t$d),
        .q(t$q),
        .clock(t$clock)
    );
    top$cells$9$n n(
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
    
endmodule // top$cells$9


module top$cells$9$n(d,q,clock);
    
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
          
endmodule // top$cells$9$n


module top$cells$9$t(d,q,clock);
    
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
          
endmodule // top$cells$9$t


module top$hold(d,q,clock);
    
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
          
endmodule // top$hold


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


module top$lane_end(d,q,clock);
    
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
          
endmodule // top$lane_end


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


module top$naddr(d,q,clock);
    
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
          
endmodule // top$naddr


module top$nlast(d,q,clock);
    
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
          
endmodule // top$nlast


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


module top$res2(d,q,clock);
    
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
          
endmodule // top$res2


module top$res2_v(d,q,clock);
    
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
          
endmodule // top$res2_v


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


module top$run(d,q,clock);
    
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
          
endmodule // top$run


module top$shift(d,q,clock);
    
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
          
endmodule // top$shift


module top$state(d,q,clock);
    
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
          
endmodule // top$state


module top$t1$0(clock,en,a,b,cin,pin,sum,carry,wide);
    
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
    top$t1$0$s s(
        .d(s$d),
        .q(s$q),
        .clock(s$clock)
    );
    top$t1$0$c c(
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
    
endmodule // top$t1$0


module top$t1$0$c(d,q,clock);
    
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
          
endmodule // top$t1$0$c


module top$t1$0$s(d,q,clock);
    
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
          
endmodule // top$t1$0$s


module top$t1$1(clock,en,a,b,cin,pin,sum,carry,wide);
    
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
    top$t1$1$s s(
        .d(s$d),
        .q(s$q),
        .clock(s$clock)
    );
    top$t1$1$c c(
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
    
endmodule // top$t1$1


module top$t1$1$c(d,q,clock);
    
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
          
endmodule // top$t1$1$c


module top$t1$1$s(d,q,clock);
    
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
          
endmodule // top$t1$1$s


module top$t1$10(clock,en,a,b,cin,pin,sum,carry,wide);
    
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
    top$t1$10$s s(
        .d(s$d),
        .q(s$q),
        .clock(s$clock)
    );
    top$t1$10$c c(
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
    
endmodule // top$t1$10


module top$t1$10$c(d,q,clock);
    
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
          
endmodule // top$t1$10$c


module top$t1$10$s(d,q,clock);
    
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
          
endmodule // top$t1$10$s


module top$t1$11(clock,en,a,b,cin,pin,sum,carry,wide);
    
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
    top$t1$11$s s(
        .d(s$d),
        .q(s$q),
        .clock(s$clock)
    );
    top$t1$11$c c(
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
    
endmodule // top$t1$11


module top$t1$11$c(d,q,clock);
    
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
          
endmodule // top$t1$11$c


module top$t1$11$s(d,q,clock);
    
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
          
endmodule // top$t1$11$s


module top$t1$12(clock,en,a,b,cin,pin,sum,carry,wide);
    
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
    top$t1$12$s s(
        .d(s$d),
        .q(s$q),
        .clock(s$clock)
    );
    top$t1$12$c c(
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
    
endmodule // top$t1$12


module top$t1$12$c(d,q,clock);
    
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
          
endmodule // top$t1$12$c


module top$t1$12$s(d,q,clock);
    
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
          
endmodule // top$t1$12$s


module top$t1$13(clock,en,a,b,cin,pin,sum,carry,wide);
    
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
    top$t1$13$s s(
        .d(s$d),
        .q(s$q),
        .clock(s$clock)
    );
    top$t1$13$c c(
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
    
endmodule // top$t1$13


module top$t1$13$c(d,q,clock);
    
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
          
endmodule // top$t1$13$c


module top$t1$13$s(d,q,clock);
    
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
          
endmodule // top$t1$13$s


module top$t1$14(clock,en,a,b,cin,pin,sum,carry,wide);
    
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
    top$t1$14$s s(
        .d(s$d),
        .q(s$q),
        .clock(s$clock)
    );
    top$t1$14$c c(
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
    
endmodule // top$t1$14


module top$t1$14$c(d,q,clock);
    
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
          
endmodule // top$t1$14$c


module top$t1$14$s(d,q,clock);
    
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
          
endmodule // top$t1$14$s


module top$t1$15(clock,en,a,b,cin,pin,sum,carry,wide);
    
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
    top$t1$15$s s(
        .d(s$d),
        .q(s$q),
        .clock(s$clock)
    );
    top$t1$15$c c(
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
    
endmodule // top$t1$15


module top$t1$15$c(d,q,clock);
    
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
          
endmodule // top$t1$15$c


module top$t1$15$s(d,q,clock);
    
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
          
endmodule // top$t1$15$s


module top$t1$2(clock,en,a,b,cin,pin,sum,carry,wide);
    
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
    top$t1$2$s s(
        .d(s$d),
        .q(s$q),
        .clock(s$clock)
    );
    top$t1$2$c c(
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
    
endmodule // top$t1$2


module top$t1$2$c(d,q,clock);
    
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
          
endmodule // top$t1$2$c


module top$t1$2$s(d,q,clock);
    
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
          
endmodule // top$t1$2$s


module top$t1$3(clock,en,a,b,cin,pin,sum,carry,wide);
    
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
    top$t1$3$s s(
        .d(s$d),
        .q(s$q),
        .clock(s$clock)
    );
    top$t1$3$c c(
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
    
endmodule // top$t1$3


module top$t1$3$c(d,q,clock);
    
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
          
endmodule // top$t1$3$c


module top$t1$3$s(d,q,clock);
    
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
          
endmodule // top$t1$3$s


module top$t1$4(clock,en,a,b,cin,pin,sum,carry,wide);
    
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
    top$t1$4$s s(
        .d(s$d),
        .q(s$q),
        .clock(s$clock)
    );
    top$t1$4$c c(
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
    
endmodule // top$t1$4


module top$t1$4$c(d,q,clock);
    
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
          
endmodule // top$t1$4$c


module top$t1$4$s(d,q,clock);
    
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
          
endmodule // top$t1$4$s


module top$t1$5(clock,en,a,b,cin,pin,sum,carry,wide);
    
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
    top$t1$5$s s(
        .d(s$d),
        .q(s$q),
        .clock(s$clock)
    );
    top$t1$5$c c(
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
    
endmodule // top$t1$5


module top$t1$5$c(d,q,clock);
    
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
          
endmodule // top$t1$5$c


module top$t1$5$s(d,q,clock);
    
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
          
endmodule // top$t1$5$s


module top$t1$6(clock,en,a,b,cin,pin,sum,carry,wide);
    
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
    top$t1$6$s s(
        .d(s$d),
        .q(s$q),
        .clock(s$clock)
    );
    top$t1$6$c c(
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
    
endmodule // top$t1$6


module top$t1$6$c(d,q,clock);
    
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
          
endmodule // top$t1$6$c


module top$t1$6$s(d,q,clock);
    
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
          
endmodule // top$t1$6$s


module top$t1$7(clock,en,a,b,cin,pin,sum,carry,wide);
    
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
    top$t1$7$s s(
        .d(s$d),
        .q(s$q),
        .clock(s$clock)
    );
    top$t1$7$c c(
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
    
endmodule // top$t1$7


module top$t1$7$c(d,q,clock);
    
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
          
endmodule // top$t1$7$c


module top$t1$7$s(d,q,clock);
    
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
          
endmodule // top$t1$7$s


module top$t1$8(clock,en,a,b,cin,pin,sum,carry,wide);
    
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
    top$t1$8$s s(
        .d(s$d),
        .q(s$q),
        .clock(s$clock)
    );
    top$t1$8$c c(
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
    
endmodule // top$t1$8


module top$t1$8$c(d,q,clock);
    
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
          
endmodule // top$t1$8$c


module top$t1$8$s(d,q,clock);
    
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
          
endmodule // top$t1$8$s


module top$t1$9(clock,en,a,b,cin,pin,sum,carry,wide);
    
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
    top$t1$9$s s(
        .d(s$d),
        .q(s$q),
        .clock(s$clock)
    );
    top$t1$9$c c(
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
    
endmodule // top$t1$9


module top$t1$9$c(d,q,clock);
    
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
          
endmodule // top$t1$9$c


module top$t1$9$s(d,q,clock);
    
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
          
endmodule // top$t1$9$s


module top$t2$0(clock,en,a,b,cin,pin,sum,carry,wide);
    
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
    top$t2$0$s s(
        .d(s$d),
        .q(s$q),
        .clock(s$clock)
    );
    top$t2$0$c c(
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
    
endmodule // top$t2$0


module top$t2$0$c(d,q,clock);
    
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
          
endmodule // top$t2$0$c


module top$t2$0$s(d,q,clock);
    
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
          
endmodule // top$t2$0$s


module top$t2$1(clock,en,a,b,cin,pin,sum,carry,wide);
    
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
    top$t2$1$s s(
        .d(s$d),
        .q(s$q),
        .clock(s$clock)
    );
    top$t2$1$c c(
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
    
endmodule // top$t2$1


module top$t2$1$c(d,q,clock);
    
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
          
endmodule // top$t2$1$c


module top$t2$1$s(d,q,clock);
    
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
          
endmodule // top$t2$1$s


module top$t2$2(clock,en,a,b,cin,pin,sum,carry,wide);
    
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
    top$t2$2$s s(
        .d(s$d),
        .q(s$q),
        .clock(s$clock)
    );
    top$t2$2$c c(
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
    
endmodule // top$t2$2


module top$t2$2$c(d,q,clock);
    
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
          
endmodule // top$t2$2$c


module top$t2$2$s(d,q,clock);
    
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
          
endmodule // top$t2$2$s


module top$t2$3(clock,en,a,b,cin,pin,sum,carry,wide);
    
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
    top$t2$3$s s(
        .d(s$d),
        .q(s$q),
        .clock(s$clock)
    );
    top$t2$3$c c(
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
    
endmodule // top$t2$3


module top$t2$3$c(d,q,clock);
    
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
          
endmodule // top$t2$3$c


module top$t2$3$s(d,q,clock);
    
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
          
endmodule // top$t2$3$s


module top$t2$4(clock,en,a,b,cin,pin,sum,carry,wide);
    
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
    top$t2$4$s s(
        .d(s$d),
        .q(s$q),
        .clock(s$clock)
    );
    top$t2$4$c c(
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
    
endmodule // top$t2$4


module top$t2$4$c(d,q,clock);
    
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
          
endmodule // top$t2$4$c


module top$t2$4$s(d,q,clock);
    
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
          
endmodule // top$t2$4$s


module top$t2$5(clock,en,a,b,cin,pin,sum,carry,wide);
    
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
    top$t2$5$s s(
        .d(s$d),
        .q(s$q),
        .clock(s$clock)
    );
    top$t2$5$c c(
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
    
endmodule // top$t2$5


module top$t2$5$c(d,q,clock);
    
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
          
endmodule // top$t2$5$c


module top$t2$5$s(d,q,clock);
    
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
          
endmodule // top$t2$5$s


module top$t2$6(clock,en,a,b,cin,pin,sum,carry,wide);
    
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
    top$t2$6$s s(
        .d(s$d),
        .q(s$q),
        .clock(s$clock)
    );
    top$t2$6$c c(
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
    
endmodule // top$t2$6


module top$t2$6$c(d,q,clock);
    
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
          
endmodule // top$t2$6$c


module top$t2$6$s(d,q,clock);
    
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
          
endmodule // top$t2$6$s


module top$t2$7(clock,en,a,b,cin,pin,sum,carry,wide);
    
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
    top$t2$7$s s(
        .d(s$d),
        .q(s$q),
        .clock(s$clock)
    );
    top$t2$7$c c(
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
    
endmodule // top$t2$7


module top$t2$7$c(d,q,clock);
    
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
          
endmodule // top$t2$7$c


module top$t2$7$s(d,q,clock);
    
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
          
endmodule // top$t2$7$s


module top$t3$0(clock,en,a,b,cin,pin,sum,carry,wide);
    
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
    top$t3$0$s s(
        .d(s$d),
        .q(s$q),
        .clock(s$clock)
    );
    top$t3$0$c c(
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
    
endmodule // top$t3$0


module top$t3$0$c(d,q,clock);
    
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
          
endmodule // top$t3$0$c


module top$t3$0$s(d,q,clock);
    
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
          
endmodule // top$t3$0$s


module top$t3$1(clock,en,a,b,cin,pin,sum,carry,wide);
    
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
    top$t3$1$s s(
        .d(s$d),
        .q(s$q),
        .clock(s$clock)
    );
    top$t3$1$c c(
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
    
endmodule // top$t3$1


module top$t3$1$c(d,q,clock);
    
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
          
endmodule // top$t3$1$c


module top$t3$1$s(d,q,clock);
    
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
          
endmodule // top$t3$1$s


module top$t3$2(clock,en,a,b,cin,pin,sum,carry,wide);
    
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
    top$t3$2$s s(
        .d(s$d),
        .q(s$q),
        .clock(s$clock)
    );
    top$t3$2$c c(
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
    
endmodule // top$t3$2


module top$t3$2$c(d,q,clock);
    
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
          
endmodule // top$t3$2$c


module top$t3$2$s(d,q,clock);
    
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
          
endmodule // top$t3$2$s


module top$t3$3(clock,en,a,b,cin,pin,sum,carry,wide);
    
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
    top$t3$3$s s(
        .d(s$d),
        .q(s$q),
        .clock(s$clock)
    );
    top$t3$3$c c(
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
    
endmodule // top$t3$3


module top$t3$3$c(d,q,clock);
    
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
          
endmodule // top$t3$3$c


module top$t3$3$s(d,q,clock);
    
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
          
endmodule // top$t3$3$s


module top$t4$0(clock,en,a,b,cin,pin,sum,carry,wide);
    
    // Module arguments
    input wire  clock;
    input wire  en;
    input wire  [10:0] a;
    input wire  [10:0] b;
    input wire  cin;
    input wire  pin;
    output reg  [11:0] sum;
    output reg  carry;
    output reg  [31:0] wide;
    
    // Constant declarations
    localparam  ext_c = 12'h800;
    localparam  wide_c = 32'hfffff000;
    
    // Stub signals
    reg  [11:0] s$d;
    wire  [11:0] s$q;
    reg  s$clock;
    reg  c$d;
    wire  c$q;
    reg  c$clock;
    
    // Local signals
    reg  [11:0] sa;
    reg  [11:0] sb;
    
    // Sub module instances
    top$t4$0$s s(
        .d(s$d),
        .q(s$q),
        .clock(s$clock)
    );
    top$t4$0$c c(
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
        sa = ((a) & 12'hfff);
        sb = ((b) & 12'hfff);
        if (a[10]) begin
            sa = ((a) & 12'hfff) | ext_c;
        end
        if (b[10]) begin
            sb = ((b) & 12'hfff) | ext_c;
        end
        if (en) begin
            s$d = sa + sb + ((cin) & 12'hfff);
            c$d = pin;
        end
        sum = s$q;
        carry = c$q;
        wide = ((s$q) & 32'hffffffff);
        if (s$q[11]) begin
            wide = ((s$q) & 32'hffffffff) | wide_c;
        end
    end
    
endmodule // top$t4$0


module top$t4$0$c(d,q,clock);
    
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
          
endmodule // top$t4$0$c


module top$t4$0$s(d,q,clock);
    
    // Module arguments
    input wire  [11:0] d;
    output reg  [11:0] q;
    input wire  clock;
    
    // Update code (custom)
    initial begin
       q = 12'h0;
    end
    
    always @(posedge clock) begin
       q <= d;
    end
          
endmodule // top$t4$0$s


module top$t4$1(clock,en,a,b,cin,pin,sum,carry,wide);
    
    // Module arguments
    input wire  clock;
    input wire  en;
    input wire  [10:0] a;
    input wire  [10:0] b;
    input wire  cin;
    input wire  pin;
    output reg  [11:0] sum;
    output reg  carry;
    output reg  [31:0] wide;
    
    // Constant declarations
    localparam  ext_c = 12'h800;
    localparam  wide_c = 32'hfffff000;
    
    // Stub signals
    reg  [11:0] s$d;
    wire  [11:0] s$q;
    reg  s$clock;
    reg  c$d;
    wire  c$q;
    reg  c$clock;
    
    // Local signals
    reg  [11:0] sa;
    reg  [11:0] sb;
    
    // Sub module instances
    top$t4$1$s s(
        .d(s$d),
        .q(s$q),
        .clock(s$clock)
    );
    top$t4$1$c c(
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
        sa = ((a) & 12'hfff);
        sb = ((b) & 12'hfff);
        if (a[10]) begin
            sa = ((a) & 12'hfff) | ext_c;
        end
        if (b[10]) begin
            sb = ((b) & 12'hfff) | ext_c;
        end
        if (en) begin
            s$d = sa + sb + ((cin) & 12'hfff);
            c$d = pin;
        end
        sum = s$q;
        carry = c$q;
        wide = ((s$q) & 32'hffffffff);
        if (s$q[11]) begin
            wide = ((s$q) & 32'hffffffff) | wide_c;
        end
    end
    
endmodule // top$t4$1


module top$t4$1$c(d,q,clock);
    
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
          
endmodule // top$t4$1$c


module top$t4$1$s(d,q,clock);
    
    // Module arguments
    input wire  [11:0] d;
    output reg  [11:0] q;
    input wire  clock;
    
    // Update code (custom)
    initial begin
       q = 12'h0;
    end
    
    always @(posedge clock) begin
       q <= d;
    end
          
endmodule // top$t4$1$s


module top$t5$0(clock,en,a,b,cin,pin,sum,carry,wide);
    
    // Module arguments
    input wire  clock;
    input wire  en;
    input wire  [11:0] a;
    input wire  [11:0] b;
    input wire  cin;
    input wire  pin;
    output reg  [12:0] sum;
    output reg  carry;
    output reg  [31:0] wide;
    
    // Constant declarations
    localparam  ext_c = 13'b1000000000000;
    localparam  wide_c = 32'hffffe000;
    
    // Stub signals
    reg  [12:0] s$d;
    wire  [12:0] s$q;
    reg  s$clock;
    reg  c$d;
    wire  c$q;
    reg  c$clock;
    
    // Local signals
    reg  [12:0] sa;
    reg  [12:0] sb;
    
    // Sub module instances
    top$t5$0$s s(
        .d(s$d),
        .q(s$q),
        .clock(s$clock)
    );
    top$t5$0$c c(
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
        sa = ((a) & 13'h1fff);
        sb = ((b) & 13'h1fff);
        if (a[11]) begin
            sa = ((a) & 13'h1fff) | ext_c;
        end
        if (b[11]) begin
            sb = ((b) & 13'h1fff) | ext_c;
        end
        if (en) begin
            s$d = sa + sb + ((cin) & 13'h1fff);
            c$d = pin;
        end
        sum = s$q;
        carry = c$q;
        wide = ((s$q) & 32'hffffffff);
        if (s$q[12]) begin
            wide = ((s$q) & 32'hffffffff) | wide_c;
        end
    end
    
endmodule // top$t5$0


module top$t5$0$c(d,q,clock);
    
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
          
endmodule // top$t5$0$c


module top$t5$0$s(d,q,clock);
    
    // Module arguments
    input wire  [12:0] d;
    output reg  [12:0] q;
    input wire  clock;
    
    // Update code (custom)
    initial begin
       q = 13'h0;
    end
    
    always @(posedge clock) begin
       q <= d;
    end
          
endmodule // top$t5$0$s


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


module top$wb(d,q,clock);
    
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
          
endmodule // top$wb


module top$wb_last(d,q,clock);
    
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
          
endmodule // top$wb_last


module top$wb_v(d,q,clock);
    
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
          
endmodule // top$wb_v


module top$wopen(d,q,clock);
    
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
          
endmodule // top$wopen


module top$wr_addr(d,q,clock);
    
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
          
endmodule // top$wr_addr


module top$wr_byte(d,q,clock);
    
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
          
endmodule // top$wr_byte


module top$wr_mask(d,q,clock);
    
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
          
endmodule // top$wr_mask


module top$xr(d,q,clock);
    
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
          
endmodule // top$xr
