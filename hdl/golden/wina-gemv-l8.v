

module top(clock,act_we,act_addr,act_wdata,kept_we,kept_addr,kept_wdata,kept_count,blocks,start,idle,w_addr,w_en,w_data,out_data,out_valid,out_ready);
    
    // Module arguments
    input wire  clock;
    input wire  act_we;
    input wire  [9:0] act_addr;
    input wire  [7:0] act_wdata;
    input wire  kept_we;
    input wire  [9:0] kept_addr;
    input wire  [9:0] kept_wdata;
    input wire  [10:0] kept_count;
    input wire  [6:0] blocks;
    input wire  start;
    output reg  idle;
    output reg  [15:0] w_addr;
    output reg  w_en;
    input wire  [15:0] w_data;
    output reg  [31:0] out_data;
    output reg  out_valid;
    input wire  out_ready;
    
    // Constant declarations
    localparam  last_lane_c = 8'h7;
    
    // Stub signals
    reg  [9:0] act_ram$read_address;
    reg  act_ram$read_clock;
    wire  [7:0] act_ram$read_data;
    reg  [9:0] act_ram$write_address;
    reg  act_ram$write_clock;
    reg  [7:0] act_ram$write_data;
    reg  act_ram$write_enable;
    reg  [9:0] kept_ram$read_address;
    reg  kept_ram$read_clock;
    wire  [9:0] kept_ram$read_data;
    reg  [9:0] kept_ram$write_address;
    reg  kept_ram$write_clock;
    reg  [9:0] kept_ram$write_data;
    reg  kept_ram$write_enable;
    reg  lanes$0$clock;
    reg  [7:0] lanes$0$x;
    reg  [1:0] lanes$0$code;
    reg  lanes$0$add;
    reg  lanes$0$shift;
    reg  [31:0] lanes$0$shift_in;
    wire  [31:0] lanes$0$acc;
    reg  lanes$1$clock;
    reg  [7:0] lanes$1$x;
    reg  [1:0] lanes$1$code;
    reg  lanes$1$add;
    reg  lanes$1$shift;
    reg  [31:0] lanes$1$shift_in;
    wire  [31:0] lanes$1$acc;
    reg  lanes$2$clock;
    reg  [7:0] lanes$2$x;
    reg  [1:0] lanes$2$code;
    reg  lanes$2$add;
    reg  lanes$2$shift;
    reg  [31:0] lanes$2$shift_in;
    wire  [31:0] lanes$2$acc;
    reg  lanes$3$clock;
    reg  [7:0] lanes$3$x;
    reg  [1:0] lanes$3$code;
    reg  lanes$3$add;
    reg  lanes$3$shift;
    reg  [31:0] lanes$3$shift_in;
    wire  [31:0] lanes$3$acc;
    reg  lanes$4$clock;
    reg  [7:0] lanes$4$x;
    reg  [1:0] lanes$4$code;
    reg  lanes$4$add;
    reg  lanes$4$shift;
    reg  [31:0] lanes$4$shift_in;
    wire  [31:0] lanes$4$acc;
    reg  lanes$5$clock;
    reg  [7:0] lanes$5$x;
    reg  [1:0] lanes$5$code;
    reg  lanes$5$add;
    reg  lanes$5$shift;
    reg  [31:0] lanes$5$shift_in;
    wire  [31:0] lanes$5$acc;
    reg  lanes$6$clock;
    reg  [7:0] lanes$6$x;
    reg  [1:0] lanes$6$code;
    reg  lanes$6$add;
    reg  lanes$6$shift;
    reg  [31:0] lanes$6$shift_in;
    wire  [31:0] lanes$6$acc;
    reg  lanes$7$clock;
    reg  [7:0] lanes$7$x;
    reg  [1:0] lanes$7$code;
    reg  lanes$7$add;
    reg  lanes$7$shift;
    reg  [31:0] lanes$7$shift_in;
    wire  [31:0] lanes$7$acc;
    reg  [1:0] state$d;
    wire  [1:0] state$q;
    reg  state$clock;
    reg  [10:0] m$d;
    wire  [10:0] m$q;
    reg  m$clock;
    reg  [10:0] count$d;
    wire  [10:0] count$q;
    reg  count$clock;
    reg  [6:0] blk$d;
    wire  [6:0] blk$q;
    reg  blk$clock;
    reg  [6:0] nblk$d;
    wire  [6:0] nblk$q;
    reg  nblk$clock;
    reg  [7:0] o$d;
    wire  [7:0] o$q;
    reg  o$clock;
    reg  v1$d;
    wire  v1$q;
    reg  v1$clock;
    reg  v2$d;
    wire  v2$q;
    reg  v2$clock;
    
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
    top$kept_ram kept_ram(
        .read_address(kept_ram$read_address),
        .read_clock(kept_ram$read_clock),
        .read_data(kept_ram$read_data),
        .write_address(kept_ram$write_address),
        .write_clock(kept_ram$write_clock),
        .write_data(kept_ram$write_data),
        .write_enable(kept_ram$write_enable)
    );
    top$lanes$0 lanes$0(
        .clock(lanes$0$clock),
        .x(lanes$0$x),
        .code(lanes$0$code),
        .add(lanes$0$add),
        .shift(lanes$0$shift),
        .shift_in(lanes$0$shift_in),
        .acc(lanes$0$acc)
    );
    top$lanes$1 lanes$1(
        .clock(lanes$1$clock),
        .x(lanes$1$x),
        .code(lanes$1$code),
        .add(lanes$1$add),
        .shift(lanes$1$shift),
        .shift_in(lanes$1$shift_in),
        .acc(lanes$1$acc)
    );
    top$lanes$2 lanes$2(
        .clock(lanes$2$clock),
        .x(lanes$2$x),
        .code(lanes$2$code),
        .add(lanes$2$add),
        .shift(lanes$2$shift),
        .shift_in(lanes$2$shift_in),
        .acc(lanes$2$acc)
    );
    top$lanes$3 lanes$3(
        .clock(lanes$3$clock),
        .x(lanes$3$x),
        .code(lanes$3$code),
        .add(lanes$3$add),
        .shift(lanes$3$shift),
        .shift_in(lanes$3$shift_in),
        .acc(lanes$3$acc)
    );
    top$lanes$4 lanes$4(
        .clock(lanes$4$clock),
        .x(lanes$4$x),
        .code(lanes$4$code),
        .add(lanes$4$add),
        .shift(lanes$4$shift),
        .shift_in(lanes$4$shift_in),
        .acc(lanes$4$acc)
    );
    top$lanes$5 lanes$5(
        .clock(lanes$5$clock),
        .x(lanes$5$x),
        .code(lanes$5$code),
        .add(lanes$5$add),
        .shift(lanes$5$shift),
        .shift_in(lanes$5$shift_in),
        .acc(lanes$5$acc)
    );
    top$lanes$6 lanes$6(
        .clock(lanes$6$clock),
        .x(lanes$6$x),
        .code(lanes$6$code),
        .add(lanes$6$add),
        .shift(lanes$6$shift),
        .shift_in(lanes$6$shift_in),
        .acc(lanes$6$acc)
    );
    top$lanes$7 lanes$7(
        .clock(lanes$7$clock),
        .x(lanes$7$x),
        .code(lanes$7$code),
        .add(lanes$7$add),
        .shift(lanes$7$shift),
        .shift_in(lanes$7$shift_in),
        .acc(lanes$7$acc)
    );
    top$state state(
        .d(state$d),
        .q(state$q),
        .clock(state$clock)
    );
    top$m m(
        .d(m$d),
        .q(m$q),
        .clock(m$clock)
    );
    top$count count(
        .d(count$d),
        .q(count$q),
        .clock(count$clock)
    );
    top$blk blk(
        .d(blk$d),
        .q(blk$q),
        .clock(blk$clock)
    );
    top$nblk nblk(
        .d(nblk$d),
        .q(nblk$q),
        .clock(nblk$clock)
    );
    top$o o(
        .d(o$d),
        .q(o$q),
        .clock(o$clock)
    );
    top$v1 v1(
        .d(v1$d),
        .q(v1$q),
        .clock(v1$clock)
    );
    top$v2 v2(
        .d(v2$d),
        .q(v2$q),
        .clock(v2$clock)
    );
    
    // Update code
    always @(*) begin
        state$clock = clock;
        m$clock = clock;
        count$clock = clock;
        blk$clock = clock;
        nblk$clock = clock;
        o$clock = clock;
        v1$clock = clock;
        v2$clock = clock;
        state$d = state$q;
        m$d = m$q;
        count$d = count$q;
        blk$d = blk$q;
        nblk$d = nblk$q;
        o$d = o$q;
        v1$d = v1$q;
        v2$d = v2$q;
        act_ram$write_clock = clock;
        act_ram$read_clock = clock;
        act_ram$write_enable = act_we;
        act_ram$write_address = act_addr;
        act_ram$write_data = act_wdata;
        kept_ram$write_clock = clock;
        kept_ram$read_clock = clock;
        kept_ram$write_enable = kept_we;
        kept_ram$write_address = kept_addr;
        kept_ram$write_data = kept_wdata;
        kept_ram$read_address = m$q[(32'h0)+:(10)];
        v1$d = 1'b0;
        if ((state$q == 32'h1) & (m$q < count$q)) begin
            v1$d = 1'b1;
            m$d = m$q + 32'h1;
        end
        act_ram$read_address = kept_ram$read_data;
        w_addr = (((kept_ram$read_data) & 16'hffff) << 32'h6) | ((blk$q) & 16'hffff);
        w_en = v1$q;
        v2$d = v1$q;
        lanes$0$clock = clock;
        lanes$0$x = act_ram$read_data;
        lanes$0$code = w_data[(0 * 32'h2)+:(2)];
        lanes$0$add = v2$q;
        lanes$0$shift = 1'b0;
        lanes$1$clock = clock;
        lanes$1$x = act_ram$read_data;
        lanes$1$code = w_data[(1 * 32'h2)+:(2)];
        lanes$1$add = v2$q;
        lanes$1$shift = 1'b0;
        lanes$2$clock = clock;
        lanes$2$x = act_ram$read_data;
        lanes$2$code = w_data[(2 * 32'h2)+:(2)];
        lanes$2$add = v2$q;
        lanes$2$shift = 1'b0;
        lanes$3$clock = clock;
        lanes$3$x = act_ram$read_data;
        lanes$3$code = w_data[(3 * 32'h2)+:(2)];
        lanes$3$add = v2$q;
        lanes$3$shift = 1'b0;
        lanes$4$clock = clock;
        lanes$4$x = act_ram$read_data;
        lanes$4$code = w_data[(4 * 32'h2)+:(2)];
        lanes$4$add = v2$q;
        lanes$4$shift = 1'b0;
        lanes$5$clock = clock;
        lanes$5$x = act_ram$read_data;
        lanes$5$code = w_data[(5 * 32'h2)+:(2)];
        lanes$5$add = v2$q;
        lanes$5$shift = 1'b0;
        lanes$6$clock = clock;
        lanes$6$x = act_ram$read_data;
        lanes$6$code = w_data[(6 * 32'h2)+:(2)];
        lanes$6$add = v2$q;
        lanes$6$shift = 1'b0;
        lanes$7$clock = clock;
        lanes$7$x = act_ram$read_data;
        lanes$7$code = w_data[(7 * 32'h2)+:(2)];
        lanes$7$add = v2$q;
        lanes$7$shift = 1'b0;
        lanes$0$shift_in = lanes$1$acc;
        lanes$1$shift_in = lanes$2$acc;
        lanes$2$shift_in = lanes$3$acc;
        lanes$3$shift_in = lanes$4$acc;
        lanes$4$shift_in = lanes$5$acc;
        lanes$5$shift_in = lanes$6$acc;
        lanes$6$shift_in = lanes$7$acc;
        lanes$7$shift_in = 32'h0;
        idle = state$q == 32'h0;
        out_valid = state$q == 32'h3;
        out_data = lanes$0$acc;
        if ((state$q == 32'h0) & start) begin
            state$d = 32'h1;
            m$d = 32'h0;
            count$d = kept_count;
            blk$d = 32'h0;
            nblk$d = blocks;
        end
        if ((state$q == 32'h1) & (m$q == count$q)) begin
            state$d = 32'h2;
        end
        if ((state$q == 32'h2) & ~v1$q & ~v2$q) begin
            state$d = 32'h3;
            o$d = 32'h0;
        end
        if ((state$q == 32'h3) & out_ready) begin
            lanes$0$shift = 1'b1;
            lanes$1$shift = 1'b1;
            lanes$2$shift = 1'b1;
            lanes$3$shift = 1'b1;
            lanes$4$shift = 1'b1;
            lanes$5$shift = 1'b1;
            lanes$6$shift = 1'b1;
            lanes$7$shift = 1'b1;
            o$d = o$q + 32'h1;
            if (o$q == last_lane_c) begin
                blk$d = blk$q + 32'h1;
                m$d = 32'h0;
                state$d = 32'h1;
                if (blk$q + 32'h1 == nblk$q) begin
                    state$d = 32'h0;
                end
            end
        end
    end
    
endmodule // top


module top$act_ram(read_address,read_clock,read_data,write_address,write_clock,write_data,write_enable);
    
    // Module arguments
    input wire  [9:0] read_address;
    input wire  read_clock;
    output reg  [7:0] read_data;
    input wire  [9:0] write_address;
    input wire  write_clock;
    input wire  [7:0] write_data;
    input wire  write_enable;
    
    // Update code (custom)
    reg[7:0] mem[1023:0];
    
    
    
    always @(posedge read_clock) begin
       read_data <= mem[read_address];
    end
    
    always @(posedge write_clock) begin
       if (write_enable) begin
          mem[write_address] <= write_data;
       end
    end
                
endmodule // top$act_ram


module top$blk(d,q,clock);
    
    // Module arguments
    input wire  [6:0] d;
    output reg  [6:0] q;
    input wire  clock;
    
    // Update code (custom)
    initial begin
       q = 7'h0;
    end
    
    always @(posedge clock) begin
       q <= d;
    end
          
endmodule // top$blk


module top$count(d,q,clock);
    
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
          
endmodule // top$count


module top$kept_ram(read_address,read_clock,read_data,write_address,write_clock,write_data,write_enable);
    
    // Module arguments
    input wire  [9:0] read_address;
    input wire  read_clock;
    output reg  [9:0] read_data;
    input wire  [9:0] write_address;
    input wire  write_clock;
    input wire  [9:0] write_data;
    input wire  write_enable;
    
    // Update code (custom)
    reg[9:0] mem[1023:0];
    
    
    
    always @(posedge read_clock) begin
       read_data <= mem[read_address];
    end
    
    always @(posedge write_clock) begin
       if (write_enable) begin
          mem[write_address] <= write_data;
       end
    end
                
endmodule // top$kept_ram


module top$lanes$0(clock,x,code,add,shift,shift_in,acc);
    
    // Module arguments
    input wire  clock;
    input wire  [7:0] x;
    input wire  [1:0] code;
    input wire  add;
    input wire  shift;
    input wire  [31:0] shift_in;
    output reg  [31:0] acc;
    
    // Constant declarations
    localparam  ext_c = 32'hffffff00;
    
    // Stub signals
    reg  [31:0] sum$d;
    wire  [31:0] sum$q;
    reg  sum$clock;
    
    // Local signals
    reg  [31:0] sx;
    
    // Sub module instances
    top$lanes$0$sum sum(
        .d(sum$d),
        .q(sum$q),
        .clock(sum$clock)
    );
    
    // Update code
    always @(*) begin
        sum$clock = clock;
        sum$d = sum$q;
        if (x[32'h7]) begin
            sx = ((x) & 32'hffffffff) | ext_c;
        end
        else begin
            sx = ((x) & 32'hffffffff);
        end
        if (add) begin
            if (code == 32'h1) begin
                sum$d = sum$q + sx;
            end
            if (code == 32'h2) begin
                sum$d = sum$q - sx;
            end
        end
        if (shift) begin
            sum$d = shift_in;
        end
        acc = sum$q;
    end
    
endmodule // top$lanes$0


module top$lanes$0$sum(d,q,clock);
    
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
          
endmodule // top$lanes$0$sum


module top$lanes$1(clock,x,code,add,shift,shift_in,acc);
    
    // Module arguments
    input wire  clock;
    input wire  [7:0] x;
    input wire  [1:0] code;
    input wire  add;
    input wire  shift;
    input wire  [31:0] shift_in;
    output reg  [31:0] acc;
    
    // Constant declarations
    localparam  ext_c = 32'hffffff00;
    
    // Stub signals
    reg  [31:0] sum$d;
    wire  [31:0] sum$q;
    reg  sum$clock;
    
    // Local signals
    reg  [31:0] sx;
    
    // Sub module instances
    top$lanes$1$sum sum(
        .d(sum$d),
        .q(sum$q),
        .clock(sum$clock)
    );
    
    // Update code
    always @(*) begin
        sum$clock = clock;
        sum$d = sum$q;
        if (x[32'h7]) begin
            sx = ((x) & 32'hffffffff) | ext_c;
        end
        else begin
            sx = ((x) & 32'hffffffff);
        end
        if (add) begin
            if (code == 32'h1) begin
                sum$d = sum$q + sx;
            end
            if (code == 32'h2) begin
                sum$d = sum$q - sx;
            end
        end
        if (shift) begin
            sum$d = shift_in;
        end
        acc = sum$q;
    end
    
endmodule // top$lanes$1


module top$lanes$1$sum(d,q,clock);
    
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
          
endmodule // top$lanes$1$sum


module top$lanes$2(clock,x,code,add,shift,shift_in,acc);
    
    // Module arguments
    input wire  clock;
    input wire  [7:0] x;
    input wire  [1:0] code;
    input wire  add;
    input wire  shift;
    input wire  [31:0] shift_in;
    output reg  [31:0] acc;
    
    // Constant declarations
    localparam  ext_c = 32'hffffff00;
    
    // Stub signals
    reg  [31:0] sum$d;
    wire  [31:0] sum$q;
    reg  sum$clock;
    
    // Local signals
    reg  [31:0] sx;
    
    // Sub module instances
    top$lanes$2$sum sum(
        .d(sum$d),
        .q(sum$q),
        .clock(sum$clock)
    );
    
    // Update code
    always @(*) begin
        sum$clock = clock;
        sum$d = sum$q;
        if (x[32'h7]) begin
            sx = ((x) & 32'hffffffff) | ext_c;
        end
        else begin
            sx = ((x) & 32'hffffffff);
        end
        if (add) begin
            if (code == 32'h1) begin
                sum$d = sum$q + sx;
            end
            if (code == 32'h2) begin
                sum$d = sum$q - sx;
            end
        end
        if (shift) begin
            sum$d = shift_in;
        end
        acc = sum$q;
    end
    
endmodule // top$lanes$2


module top$lanes$2$sum(d,q,clock);
    
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
          
endmodule // top$lanes$2$sum


module top$lanes$3(clock,x,code,add,shift,shift_in,acc);
    
    // Module arguments
    input wire  clock;
    input wire  [7:0] x;
    input wire  [1:0] code;
    input wire  add;
    input wire  shift;
    input wire  [31:0] shift_in;
    output reg  [31:0] acc;
    
    // Constant declarations
    localparam  ext_c = 32'hffffff00;
    
    // Stub signals
    reg  [31:0] sum$d;
    wire  [31:0] sum$q;
    reg  sum$clock;
    
    // Local signals
    reg  [31:0] sx;
    
    // Sub module instances
    top$lanes$3$sum sum(
        .d(sum$d),
        .q(sum$q),
        .clock(sum$clock)
    );
    
    // Update code
    always @(*) begin
        sum$clock = clock;
        sum$d = sum$q;
        if (x[32'h7]) begin
            sx = ((x) & 32'hffffffff) | ext_c;
        end
        else begin
            sx = ((x) & 32'hffffffff);
        end
        if (add) begin
            if (code == 32'h1) begin
                sum$d = sum$q + sx;
            end
            if (code == 32'h2) begin
                sum$d = sum$q - sx;
            end
        end
        if (shift) begin
            sum$d = shift_in;
        end
        acc = sum$q;
    end
    
endmodule // top$lanes$3


module top$lanes$3$sum(d,q,clock);
    
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
          
endmodule // top$lanes$3$sum


module top$lanes$4(clock,x,code,add,shift,shift_in,acc);
    
    // Module arguments
    input wire  clock;
    input wire  [7:0] x;
    input wire  [1:0] code;
    input wire  add;
    input wire  shift;
    input wire  [31:0] shift_in;
    output reg  [31:0] acc;
    
    // Constant declarations
    localparam  ext_c = 32'hffffff00;
    
    // Stub signals
    reg  [31:0] sum$d;
    wire  [31:0] sum$q;
    reg  sum$clock;
    
    // Local signals
    reg  [31:0] sx;
    
    // Sub module instances
    top$lanes$4$sum sum(
        .d(sum$d),
        .q(sum$q),
        .clock(sum$clock)
    );
    
    // Update code
    always @(*) begin
        sum$clock = clock;
        sum$d = sum$q;
        if (x[32'h7]) begin
            sx = ((x) & 32'hffffffff) | ext_c;
        end
        else begin
            sx = ((x) & 32'hffffffff);
        end
        if (add) begin
            if (code == 32'h1) begin
                sum$d = sum$q + sx;
            end
            if (code == 32'h2) begin
                sum$d = sum$q - sx;
            end
        end
        if (shift) begin
            sum$d = shift_in;
        end
        acc = sum$q;
    end
    
endmodule // top$lanes$4


module top$lanes$4$sum(d,q,clock);
    
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
          
endmodule // top$lanes$4$sum


module top$lanes$5(clock,x,code,add,shift,shift_in,acc);
    
    // Module arguments
    input wire  clock;
    input wire  [7:0] x;
    input wire  [1:0] code;
    input wire  add;
    input wire  shift;
    input wire  [31:0] shift_in;
    output reg  [31:0] acc;
    
    // Constant declarations
    localparam  ext_c = 32'hffffff00;
    
    // Stub signals
    reg  [31:0] sum$d;
    wire  [31:0] sum$q;
    reg  sum$clock;
    
    // Local signals
    reg  [31:0] sx;
    
    // Sub module instances
    top$lanes$5$sum sum(
        .d(sum$d),
        .q(sum$q),
        .clock(sum$clock)
    );
    
    // Update code
    always @(*) begin
        sum$clock = clock;
        sum$d = sum$q;
        if (x[32'h7]) begin
            sx = ((x) & 32'hffffffff) | ext_c;
        end
        else begin
            sx = ((x) & 32'hffffffff);
        end
        if (add) begin
            if (code == 32'h1) begin
                sum$d = sum$q + sx;
            end
            if (code == 32'h2) begin
                sum$d = sum$q - sx;
            end
        end
        if (shift) begin
            sum$d = shift_in;
        end
        acc = sum$q;
    end
    
endmodule // top$lanes$5


module top$lanes$5$sum(d,q,clock);
    
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
          
endmodule // top$lanes$5$sum


module top$lanes$6(clock,x,code,add,shift,shift_in,acc);
    
    // Module arguments
    input wire  clock;
    input wire  [7:0] x;
    input wire  [1:0] code;
    input wire  add;
    input wire  shift;
    input wire  [31:0] shift_in;
    output reg  [31:0] acc;
    
    // Constant declarations
    localparam  ext_c = 32'hffffff00;
    
    // Stub signals
    reg  [31:0] sum$d;
    wire  [31:0] sum$q;
    reg  sum$clock;
    
    // Local signals
    reg  [31:0] sx;
    
    // Sub module instances
    top$lanes$6$sum sum(
        .d(sum$d),
        .q(sum$q),
        .clock(sum$clock)
    );
    
    // Update code
    always @(*) begin
        sum$clock = clock;
        sum$d = sum$q;
        if (x[32'h7]) begin
            sx = ((x) & 32'hffffffff) | ext_c;
        end
        else begin
            sx = ((x) & 32'hffffffff);
        end
        if (add) begin
            if (code == 32'h1) begin
                sum$d = sum$q + sx;
            end
            if (code == 32'h2) begin
                sum$d = sum$q - sx;
            end
        end
        if (shift) begin
            sum$d = shift_in;
        end
        acc = sum$q;
    end
    
endmodule // top$lanes$6


module top$lanes$6$sum(d,q,clock);
    
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
          
endmodule // top$lanes$6$sum


module top$lanes$7(clock,x,code,add,shift,shift_in,acc);
    
    // Module arguments
    input wire  clock;
    input wire  [7:0] x;
    input wire  [1:0] code;
    input wire  add;
    input wire  shift;
    input wire  [31:0] shift_in;
    output reg  [31:0] acc;
    
    // Constant declarations
    localparam  ext_c = 32'hffffff00;
    
    // Stub signals
    reg  [31:0] sum$d;
    wire  [31:0] sum$q;
    reg  sum$clock;
    
    // Local signals
    reg  [31:0] sx;
    
    // Sub module instances
    top$lanes$7$sum sum(
        .d(sum$d),
        .q(sum$q),
        .clock(sum$clock)
    );
    
    // Update code
    always @(*) begin
        sum$clock = clock;
        sum$d = sum$q;
        if (x[32'h7]) begin
            sx = ((x) & 32'hffffffff) | ext_c;
        end
        else begin
            sx = ((x) & 32'hffffffff);
        end
        if (add) begin
            if (code == 32'h1) begin
                sum$d = sum$q + sx;
            end
            if (code == 32'h2) begin
                sum$d = sum$q - sx;
            end
        end
        if (shift) begin
            sum$d = shift_in;
        end
        acc = sum$q;
    end
    
endmodule // top$lanes$7


module top$lanes$7$sum(d,q,clock);
    
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
          
endmodule // top$lanes$7$sum


module top$m(d,q,clock);
    
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
          
endmodule // top$m


module top$nblk(d,q,clock);
    
    // Module arguments
    input wire  [6:0] d;
    output reg  [6:0] q;
    input wire  clock;
    
    // Update code (custom)
    initial begin
       q = 7'h0;
    end
    
    always @(posedge clock) begin
       q <= d;
    end
          
endmodule // top$nblk


module top$o(d,q,clock);
    
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
          
endmodule // top$o


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


module top$v1(d,q,clock);
    
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
          
endmodule // top$v1


module top$v2(d,q,clock);
    
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
          
endmodule // top$v2
