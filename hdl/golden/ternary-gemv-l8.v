

module top(clock,act_data,act_valid,act_last,act_ready,wgt_data,wgt_valid,wgt_last,wgt_ready,out_data,out_valid,out_ready);
    
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
    localparam  last_lane_c = 8'h7;
    localparam  top_c = 16'h38;
    
    // Stub signals
    reg  [7:0] act_ram$read_address;
    reg  act_ram$read_clock;
    wire  [63:0] act_ram$read_data;
    reg  [7:0] act_ram$write_address;
    reg  act_ram$write_clock;
    reg  [63:0] act_ram$write_data;
    reg  act_ram$write_enable;
    reg  [63:0] asm$d;
    wire  [63:0] asm$q;
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
    reg  [15:0] codes$d;
    wire  [15:0] codes$q;
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
    reg  [63:0] word_in;
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
        take_a = (state$q == 32'h0) & ~busy;
        act_ready = take_a;
        byte_in = 32'h0;
        if (state$q == 32'h0) begin
            byte_in = act_data;
        end
        word_in = (asm$q >> 32'h8) | (((byte_in) & 64'hffffffffffffffff) << top_c);
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
            nodes$8$d = cells$0$term;
            nodes$9$d = cells$1$term;
            nodes$10$d = cells$2$term;
            nodes$11$d = cells$3$term;
            nodes$12$d = cells$4$term;
            nodes$13$d = cells$5$term;
            nodes$14$d = cells$6$term;
            nodes$15$d = cells$7$term;
            nodes$1$d = nodes$2$q + nodes$3$q;
            nodes$2$d = nodes$4$q + nodes$5$q;
            nodes$3$d = nodes$6$q + nodes$7$q;
            nodes$4$d = nodes$8$q + nodes$9$q;
            nodes$5$d = nodes$10$q + nodes$11$q;
            nodes$6$d = nodes$12$q + nodes$13$q;
            nodes$7$d = nodes$14$q + nodes$15$q;
            if (vld$4$q) begin
                acc$d = acc$q + root;
                if (lst$4$q) begin
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
    output reg  [63:0] read_data;
    input wire  [7:0] write_address;
    input wire  write_clock;
    input wire  [63:0] write_data;
    input wire  write_enable;
    
    // Update code (custom)
    reg[63:0] mem[255:0];
    
    
    
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


module top$codes(d,q,clock);
    
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
