

module top(clock,q_we,q_addr,q_wdata,theta,window,pos,dim,start,clear,halt,idle,kshift,k_addr,k_en,k_data,out_data,out_valid,out_ready,nz_count,ld_qhat,ld_score,ld_addr,ld_data,qh_addr,qh_data);
    
    // Module arguments
    input wire  clock;
    input wire  q_we;
    input wire  [7:0] q_addr;
    input wire  [7:0] q_wdata;
    input wire  [8:0] theta;
    input wire  [10:0] window;
    input wire  [9:0] pos;
    input wire  [8:0] dim;
    input wire  start;
    input wire  clear;
    input wire  halt;
    output reg  idle;
    input wire  [3:0] kshift;
    output reg  [17:0] k_addr;
    output reg  k_en;
    input wire  [7:0] k_data;
    output reg  [31:0] out_data;
    output reg  out_valid;
    input wire  out_ready;
    output reg  [8:0] nz_count;
    input wire  ld_qhat;
    input wire  ld_score;
    input wire  [9:0] ld_addr;
    input wire  [31:0] ld_data;
    input wire  [7:0] qh_addr;
    output reg  [7:0] qh_data;
    
    // Stub signals
    reg  [7:0] q_ram$read_address;
    reg  q_ram$read_clock;
    wire  [7:0] q_ram$read_data;
    reg  [7:0] q_ram$write_address;
    reg  q_ram$write_clock;
    reg  [7:0] q_ram$write_data;
    reg  q_ram$write_enable;
    reg  [7:0] qhat_ram$read_address;
    reg  qhat_ram$read_clock;
    wire  [7:0] qhat_ram$read_data;
    reg  [7:0] qhat_ram$write_address;
    reg  qhat_ram$write_clock;
    reg  [7:0] qhat_ram$write_data;
    reg  qhat_ram$write_enable;
    reg  [7:0] dq_ram$read_address;
    reg  dq_ram$read_clock;
    wire  [16:0] dq_ram$read_data;
    reg  [7:0] dq_ram$write_address;
    reg  dq_ram$write_clock;
    reg  [16:0] dq_ram$write_data;
    reg  dq_ram$write_enable;
    reg  [9:0] score_ram$read_address;
    reg  score_ram$read_clock;
    wire  [31:0] score_ram$read_data;
    reg  [9:0] score_ram$write_address;
    reg  score_ram$write_clock;
    reg  [31:0] score_ram$write_data;
    reg  score_ram$write_enable;
    reg  [7:0] qr$d;
    wire  [7:0] qr$q;
    reg  qr$clock;
    reg  [7:0] hr$d;
    wire  [7:0] hr$q;
    reg  hr$clock;
    reg  [16:0] dr$d;
    wire  [16:0] dr$q;
    reg  dr$clock;
    reg  [7:0] e2$d;
    wire  [7:0] e2$q;
    reg  e2$clock;
    reg  vr$d;
    wire  vr$q;
    reg  vr$clock;
    reg  [2:0] state$d;
    wire  [2:0] state$q;
    reg  state$clock;
    reg  [8:0] e$d;
    wire  [8:0] e$q;
    reg  e$clock;
    reg  [7:0] e1$d;
    wire  [7:0] e1$q;
    reg  e1$clock;
    reg  [8:0] cnt$d;
    wire  [8:0] cnt$q;
    reg  cnt$clock;
    reg  [8:0] nz$d;
    wire  [8:0] nz$q;
    reg  nz$clock;
    reg  [10:0] j$d;
    wire  [10:0] j$q;
    reg  j$clock;
    reg  [10:0] jw$d;
    wire  [10:0] jw$q;
    reg  jw$clock;
    reg  v1$d;
    wire  v1$q;
    reg  v1$clock;
    reg  v2$d;
    wire  v2$q;
    reg  v2$clock;
    reg  v3$d;
    wire  v3$q;
    reg  v3$clock;
    reg  v4$d;
    wire  v4$q;
    reg  v4$clock;
    reg  v5$d;
    wire  v5$q;
    reg  v5$clock;
    reg  v6$d;
    wire  v6$q;
    reg  v6$clock;
    reg  v7$d;
    wire  v7$q;
    reg  v7$clock;
    reg  v8$d;
    wire  v8$q;
    reg  v8$clock;
    reg  [15:0] a6$d;
    wire  [15:0] a6$q;
    reg  a6$clock;
    reg  [15:0] a7$d;
    wire  [15:0] a7$q;
    reg  a7$clock;
    reg  [15:0] kr2$d;
    wire  [15:0] kr2$q;
    reg  kr2$clock;
    reg  [15:0] a5$d;
    wire  [15:0] a5$q;
    reg  a5$clock;
    reg  [17:0] kq$d;
    wire  [17:0] kq$q;
    reg  kq$clock;
    reg  [17:0] jsh$d;
    wire  [17:0] jsh$q;
    reg  jsh$clock;
    reg  [15:0] a4$d;
    wire  [15:0] a4$q;
    reg  a4$clock;
    reg  win$d;
    wire  win$q;
    reg  win$clock;
    reg  hand$d;
    wire  hand$q;
    reg  hand$clock;
    reg  [15:0] a2$d;
    wire  [15:0] a2$q;
    reg  a2$clock;
    reg  [7:0] tq$d;
    wire  [7:0] tq$q;
    reg  tq$clock;
    reg  [8:0] td$d;
    wire  [8:0] td$q;
    reg  td$clock;
    reg  [8:0] tn$d;
    wire  [8:0] tn$q;
    reg  tn$clock;
    reg  [7:0] tq2$d;
    wire  [7:0] tq2$q;
    reg  tq2$clock;
    reg  [8:0] td2$d;
    wire  [8:0] td2$q;
    reg  td2$clock;
    reg  [7:0] te2$d;
    wire  [7:0] te2$q;
    reg  te2$clock;
    reg  tw$d;
    wire  tw$q;
    reg  tw$clock;
    reg  th$d;
    wire  th$q;
    reg  th$clock;
    reg  thz$d;
    wire  thz$q;
    reg  thz$clock;
    reg  [7:0] te$d;
    wire  [7:0] te$q;
    reg  te$clock;
    reg  tv$d;
    wire  tv$q;
    reg  tv$clock;
    reg  [31:0] prv$d;
    wire  [31:0] prv$q;
    reg  prv$clock;
    reg  pw$d;
    wire  pw$q;
    reg  pw$clock;
    reg  [31:0] prv2$d;
    wire  [31:0] prv2$q;
    reg  prv2$clock;
    reg  pw2$d;
    wire  pw2$q;
    reg  pw2$clock;
    reg  [15:0] a3$d;
    wire  [15:0] a3$q;
    reg  a3$clock;
    reg  [31:0] pr$d;
    wire  [31:0] pr$q;
    reg  pr$clock;
    reg  [31:0] acc$d;
    wire  [31:0] acc$q;
    reg  acc$clock;
    reg  [31:0] score$d;
    wire  [31:0] score$q;
    reg  score$clock;
    
    // Local signals
    reg  [8:0] qx;
    reg  [8:0] hx;
    reg  [8:0] delta;
    reg  [8:0] ndel;
    reg  hit;
    reg  [15:0] k16;
    reg  [31:0] prod;
    reg  [31:0] p32;
    reg  [15:0] dqx;
    
    // Sub module instances
    top$q_ram q_ram(
        .read_address(q_ram$read_address),
        .read_clock(q_ram$read_clock),
        .read_data(q_ram$read_data),
        .write_address(q_ram$write_address),
        .write_clock(q_ram$write_clock),
        .write_data(q_ram$write_data),
        .write_enable(q_ram$write_enable)
    );
    top$qhat_ram qhat_ram(
        .read_address(qhat_ram$read_address),
        .read_clock(qhat_ram$read_clock),
        .read_data(qhat_ram$read_data),
        .write_address(qhat_ram$write_address),
        .write_clock(qhat_ram$write_clock),
        .write_data(qhat_ram$write_data),
        .write_enable(qhat_ram$write_enable)
    );
    top$dq_ram dq_ram(
        .read_address(dq_ram$read_address),
        .read_clock(dq_ram$read_clock),
        .read_data(dq_ram$read_data),
        .write_address(dq_ram$write_address),
        .write_clock(dq_ram$write_clock),
        .write_data(dq_ram$write_data),
        .write_enable(dq_ram$write_enable)
    );
    top$score_ram score_ram(
        .read_address(score_ram$read_address),
        .read_clock(score_ram$read_clock),
        .read_data(score_ram$read_data),
        .write_address(score_ram$write_address),
        .write_clock(score_ram$write_clock),
        .write_data(score_ram$write_data),
        .write_enable(score_ram$write_enable)
    );
    top$qr qr(
        .d(qr$d),
        .q(qr$q),
        .clock(qr$clock)
    );
    top$hr hr(
        .d(hr$d),
        .q(hr$q),
        .clock(hr$clock)
    );
    top$dr dr(
        .d(dr$d),
        .q(dr$q),
        .clock(dr$clock)
    );
    top$e2 e2(
        .d(e2$d),
        .q(e2$q),
        .clock(e2$clock)
    );
    top$vr vr(
        .d(vr$d),
        .q(vr$q),
        .clock(vr$clock)
    );
    top$state state(
        .d(state$d),
        .q(state$q),
        .clock(state$clock)
    );
    top$e e(
        .d(e$d),
        .q(e$q),
        .clock(e$clock)
    );
    top$e1 e1(
        .d(e1$d),
        .q(e1$q),
        .clock(e1$clock)
    );
    top$cnt cnt(
        .d(cnt$d),
        .q(cnt$q),
        .clock(cnt$clock)
    );
    top$nz nz(
        .d(nz$d),
        .q(nz$q),
        .clock(nz$clock)
    );
    top$j j(
        .d(j$d),
        .q(j$q),
        .clock(j$clock)
    );
    top$jw jw(
        .d(jw$d),
        .q(jw$q),
        .clock(jw$clock)
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
    top$v3 v3(
        .d(v3$d),
        .q(v3$q),
        .clock(v3$clock)
    );
    top$v4 v4(
        .d(v4$d),
        .q(v4$q),
        .clock(v4$clock)
    );
    top$v5 v5(
        .d(v5$d),
        .q(v5$q),
        .clock(v5$clock)
    );
    top$v6 v6(
        .d(v6$d),
        .q(v6$q),
        .clock(v6$clock)
    );
    top$v7 v7(
        .d(v7$d),
        .q(v7$q),
        .clock(v7$clock)
    );
    top$v8 v8(
        .d(v8$d),
        .q(v8$q),
        .clock(v8$clock)
    );
    top$a6 a6(
        .d(a6$d),
        .q(a6$q),
        .clock(a6$clock)
    );
    top$a7 a7(
        .d(a7$d),
        .q(a7$q),
        .clock(a7$clock)
    );
    top$kr2 kr2(
        .d(kr2$d),
        .q(kr2$q),
        .clock(kr2$clock)
    );
    top$a5 a5(
        .d(a5$d),
        .q(a5$q),
        .clock(a5$clock)
    );
    top$kq kq(
        .d(kq$d),
        .q(kq$q),
        .clock(kq$clock)
    );
    top$jsh jsh(
        .d(jsh$d),
        .q(jsh$q),
        .clock(jsh$clock)
    );
    top$a4 a4(
        .d(a4$d),
        .q(a4$q),
        .clock(a4$clock)
    );
    top$win win(
        .d(win$d),
        .q(win$q),
        .clock(win$clock)
    );
    top$hand hand(
        .d(hand$d),
        .q(hand$q),
        .clock(hand$clock)
    );
    top$a2 a2(
        .d(a2$d),
        .q(a2$q),
        .clock(a2$clock)
    );
    top$tq tq(
        .d(tq$d),
        .q(tq$q),
        .clock(tq$clock)
    );
    top$td td(
        .d(td$d),
        .q(td$q),
        .clock(td$clock)
    );
    top$tn tn(
        .d(tn$d),
        .q(tn$q),
        .clock(tn$clock)
    );
    top$tq2 tq2(
        .d(tq2$d),
        .q(tq2$q),
        .clock(tq2$clock)
    );
    top$td2 td2(
        .d(td2$d),
        .q(td2$q),
        .clock(td2$clock)
    );
    top$te2 te2(
        .d(te2$d),
        .q(te2$q),
        .clock(te2$clock)
    );
    top$tw tw(
        .d(tw$d),
        .q(tw$q),
        .clock(tw$clock)
    );
    top$th th(
        .d(th$d),
        .q(th$q),
        .clock(th$clock)
    );
    top$thz thz(
        .d(thz$d),
        .q(thz$q),
        .clock(thz$clock)
    );
    top$te te(
        .d(te$d),
        .q(te$q),
        .clock(te$clock)
    );
    top$tv tv(
        .d(tv$d),
        .q(tv$q),
        .clock(tv$clock)
    );
    top$prv prv(
        .d(prv$d),
        .q(prv$q),
        .clock(prv$clock)
    );
    top$pw pw(
        .d(pw$d),
        .q(pw$q),
        .clock(pw$clock)
    );
    top$prv2 prv2(
        .d(prv2$d),
        .q(prv2$q),
        .clock(prv2$clock)
    );
    top$pw2 pw2(
        .d(pw2$d),
        .q(pw2$q),
        .clock(pw2$clock)
    );
    top$a3 a3(
        .d(a3$d),
        .q(a3$q),
        .clock(a3$clock)
    );
    top$pr pr(
        .d(pr$d),
        .q(pr$q),
        .clock(pr$clock)
    );
    top$acc acc(
        .d(acc$d),
        .q(acc$q),
        .clock(acc$clock)
    );
    top$score score(
        .d(score$d),
        .q(score$q),
        .clock(score$clock)
    );
    
    // Update code
    always @(*) begin
        qr$clock = clock;
        hr$clock = clock;
        dr$clock = clock;
        e2$clock = clock;
        vr$clock = clock;
        state$clock = clock;
        e$clock = clock;
        e1$clock = clock;
        cnt$clock = clock;
        nz$clock = clock;
        j$clock = clock;
        jw$clock = clock;
        v1$clock = clock;
        v2$clock = clock;
        v3$clock = clock;
        v4$clock = clock;
        v5$clock = clock;
        v6$clock = clock;
        v7$clock = clock;
        v8$clock = clock;
        a6$clock = clock;
        a7$clock = clock;
        kr2$clock = clock;
        a5$clock = clock;
        kq$clock = clock;
        jsh$clock = clock;
        a4$clock = clock;
        win$clock = clock;
        hand$clock = clock;
        a2$clock = clock;
        tq$clock = clock;
        td$clock = clock;
        tn$clock = clock;
        tq2$clock = clock;
        td2$clock = clock;
        te2$clock = clock;
        tw$clock = clock;
        th$clock = clock;
        thz$clock = clock;
        te$clock = clock;
        tv$clock = clock;
        prv$clock = clock;
        pw$clock = clock;
        prv2$clock = clock;
        pw2$clock = clock;
        a3$clock = clock;
        pr$clock = clock;
        acc$clock = clock;
        score$clock = clock;
        qr$d = qr$q;
        hr$d = hr$q;
        dr$d = dr$q;
        e2$d = e2$q;
        vr$d = vr$q;
        state$d = state$q;
        e$d = e$q;
        e1$d = e1$q;
        cnt$d = cnt$q;
        nz$d = nz$q;
        j$d = j$q;
        jw$d = jw$q;
        v1$d = v1$q;
        v2$d = v2$q;
        v3$d = v3$q;
        v4$d = v4$q;
        v5$d = v5$q;
        v6$d = v6$q;
        v7$d = v7$q;
        v8$d = v8$q;
        a6$d = a6$q;
        a7$d = a7$q;
        kr2$d = kr2$q;
        a5$d = a5$q;
        kq$d = kq$q;
        jsh$d = jsh$q;
        a4$d = a4$q;
        win$d = win$q;
        hand$d = hand$q;
        a2$d = a2$q;
        tq$d = tq$q;
        td$d = td$q;
        tn$d = tn$q;
        tq2$d = tq2$q;
        td2$d = td2$q;
        te2$d = te2$q;
        tw$d = tw$q;
        th$d = th$q;
        thz$d = thz$q;
        te$d = te$q;
        tv$d = tv$q;
        prv$d = prv$q;
        pw$d = pw$q;
        prv2$d = prv2$q;
        pw2$d = pw2$q;
        a3$d = a3$q;
        pr$d = pr$q;
        acc$d = acc$q;
        score$d = score$q;
        q_ram$read_clock = clock;
        q_ram$write_clock = clock;
        q_ram$write_enable = q_we;
        q_ram$write_address = q_addr;
        q_ram$write_data = q_wdata;
        qhat_ram$read_clock = clock;
        qhat_ram$write_clock = clock;
        qhat_ram$write_enable = 1'b0;
        qhat_ram$write_address = te2$q;
        qhat_ram$write_data = tq2$q;
        dq_ram$read_clock = clock;
        dq_ram$write_clock = clock;
        dq_ram$write_enable = 1'b0;
        dq_ram$write_address = nz$q[(32'h0)+:(8)];
        score_ram$read_clock = clock;
        score_ram$write_clock = clock;
        score_ram$write_enable = 1'b0;
        score_ram$write_address = j$q[(32'h0)+:(10)];
        score_ram$write_data = score$q;
        score_ram$read_address = j$q[(32'h0)+:(10)];
        q_ram$read_address = e$q[(32'h0)+:(8)];
        qhat_ram$read_address = e$q[(32'h0)+:(8)];
        dq_ram$read_address = e$q[(32'h0)+:(8)];
        v1$d = 1'b0;
        v2$d = 1'b0;
        e1$d = e$q[(32'h0)+:(8)];
        qr$d = q_ram$read_data;
        hr$d = qhat_ram$read_data;
        dr$d = dq_ram$read_data;
        e2$d = e1$q;
        vr$d = v1$q;
        qx = ((qr$q) & 9'h1ff);
        if (qr$q[32'h7]) begin
            qx = ((qr$q) & 9'h1ff) | 32'h100;
        end
        hx = ((hr$q) & 9'h1ff);
        if (hr$q[32'h7]) begin
            hx = ((hr$q) & 9'h1ff) | 32'h100;
        end
        delta = qx - hx;
        ndel = hx - qx;
        tq$d = qr$q;
        td$d = delta;
        tn$d = ndel;
        te$d = e2$q;
        tv$d = 1'b0;
        hit = (~td$q[32'h8] & (td$q >= theta)) | (~tn$q[32'h8] & (tn$q >= theta));
        th$d = hit;
        thz$d = hit & |td$q;
        tq2$d = tq$q;
        td2$d = td$q;
        te2$d = te$q;
        tw$d = tv$q;
        dq_ram$write_data = (((te2$q) & 17'h1ffff) << 32'h9) | ((td2$q) & 17'h1ffff);
        prv$d = score_ram$read_data;
        pw$d = 1'b0;
        prv2$d = prv$q;
        pw2$d = pw$q;
        k16 = ((k_data) & 16'hffff);
        if (k_data[32'h7]) begin
            k16 = ((k_data) & 16'hffff) | 32'hff00;
        end
        prod = a7$q * kr2$q;
        p32 = prod & 32'hffff;
        if (prod[32'hf]) begin
            p32 = (prod & 32'hffff) | 64'hffff0000;
        end
        dqx = ((dr$q[(32'h0)+:(9)]) & 16'hffff);
        if (dr$q[32'h8]) begin
            dqx = ((dr$q[(32'h0)+:(9)]) & 16'hffff) | 32'hfe00;
        end
        kq$d = jsh$q | ((e2$q) & 18'h3ffff);
        if ((state$q == 32'h3) & vr$q) begin
            v2$d = 1'b1;
            if (win$q) begin
                a2$d = ((qx) & 16'hffff);
                if (qx[32'h8]) begin
                    a2$d = ((qx) & 16'hffff) | 32'hfe00;
                end
            end
            else if (hand$q) begin
                a2$d = ((hx) & 16'hffff);
                if (hx[32'h8]) begin
                    a2$d = ((hx) & 16'hffff) | 32'hfe00;
                end
            end
            else begin
                a2$d = dqx;
                kq$d = jsh$q | ((dr$q[(32'h9)+:(8)]) & 18'h3ffff);
            end
        end
        k_en = v2$q;
        k_addr = kq$q;
        v3$d = v2$q;
        a3$d = a2$q;
        v4$d = v3$q;
        a4$d = a3$q;
        v5$d = v4$q;
        a5$d = a4$q;
        v6$d = v5$q;
        kr2$d = k16;
        a6$d = a5$q;
        v7$d = v6$q;
        a7$d = a6$q;
        v8$d = v7$q;
        pr$d = p32;
        if (v8$q) begin
            acc$d = acc$q + pr$q;
        end
        idle = state$q == 32'h0;
        out_valid = state$q == 32'h4;
        out_data = score$q;
        nz_count = nz$q;
        qh_data = qhat_ram$read_data;
        if (state$q == 32'h0) begin
            qhat_ram$read_address = qh_addr;
            if (ld_qhat) begin
                qhat_ram$write_enable = 1'b1;
                qhat_ram$write_address = ld_addr[(32'h0)+:(8)];
                qhat_ram$write_data = ld_data[(32'h0)+:(8)];
            end
            if (ld_score) begin
                score_ram$write_enable = 1'b1;
                score_ram$write_address = ld_addr;
                score_ram$write_data = ld_data;
            end
            e$d = 32'h0;
            if (start) begin
                state$d = 32'h1;
                nz$d = 32'h0;
            end
            else if (clear) begin
                state$d = 32'h5;
            end
        end
        if (state$q == 32'h5) begin
            qhat_ram$write_enable = 1'b1;
            qhat_ram$write_address = e$q[(32'h0)+:(8)];
            qhat_ram$write_data = 32'h0;
            e$d = e$q + 32'h1;
            if (e$q == 32'hff) begin
                state$d = 32'h0;
            end
        end
        if (state$q == 32'h1) begin
            if (e$q < dim) begin
                v1$d = 1'b1;
                e$d = e$q + 32'h1;
            end
            else if (~v1$q & ~vr$q & ~tv$q & ~tw$q) begin
                state$d = 32'h2;
                j$d = 32'h0;
                jw$d = window;
            end
            tv$d = vr$q;
            if (tw$q & th$q) begin
                qhat_ram$write_enable = 1'b1;
                if (thz$q) begin
                    dq_ram$write_enable = 1'b1;
                    nz$d = nz$q + 32'h1;
                end
            end
        end
        if (state$q == 32'h2) begin
            jsh$d = ((j$q) & 18'h3ffff) << kshift;
            e$d = 32'h0;
            acc$d = 32'h0;
            win$d = jw$q > ((pos) & 11'h7ff);
            hand$d = jw$q == ((pos) & 11'h7ff);
            pw$d = 1'b1;
            cnt$d = nz$q;
            if (jw$q >= ((pos) & 11'h7ff)) begin
                cnt$d = dim;
            end
            state$d = 32'h3;
        end
        if (state$q == 32'h3) begin
            if (e$q < cnt$q) begin
                v1$d = 1'b1;
                e$d = e$q + 32'h1;
            end
            else if (~v1$q & ~vr$q & ~v2$q & ~v3$q & ~v4$q & ~v5$q & ~v6$q & ~v7$q & ~v8$q & ~pw$q & ~pw2$q) begin
                score$d = acc$q;
                if (~win$q & ~hand$q) begin
                    score$d = acc$q + prv2$q;
                end
                state$d = 32'h4;
            end
        end
        if ((state$q == 32'h4) & out_ready) begin
            score_ram$write_enable = 1'b1;
            j$d = j$q + 32'h1;
            jw$d = jw$q + 32'h1;
            state$d = 32'h2;
            if (j$q == ((pos) & 11'h7ff)) begin
                state$d = 32'h0;
            end
        end
        if (halt) begin
            state$d = 32'h0;
            v1$d = 1'b0;
            v2$d = 1'b0;
            v3$d = 1'b0;
            v4$d = 1'b0;
            v5$d = 1'b0;
            v6$d = 1'b0;
            v7$d = 1'b0;
            v8$d = 1'b0;
            vr$d = 1'b0;
            tv$d = 1'b0;
            tw$d = 1'b0;
        end
    end
    
endmodule // top


module top$a2(d,q,clock);
    
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
          
endmodule // top$a2


module top$a3(d,q,clock);
    
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
          
endmodule // top$a3


module top$a4(d,q,clock);
    
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
          
endmodule // top$a4


module top$a5(d,q,clock);
    
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
          
endmodule // top$a5


module top$a6(d,q,clock);
    
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
          
endmodule // top$a6


module top$a7(d,q,clock);
    
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
          
endmodule // top$a7


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


module top$cnt(d,q,clock);
    
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
          
endmodule // top$cnt


module top$dq_ram(read_address,read_clock,read_data,write_address,write_clock,write_data,write_enable);
    
    // Module arguments
    input wire  [7:0] read_address;
    input wire  read_clock;
    output reg  [16:0] read_data;
    input wire  [7:0] write_address;
    input wire  write_clock;
    input wire  [16:0] write_data;
    input wire  write_enable;
    
    // Update code (custom)
    (* no_rw_check *)
    reg[16:0] mem[255:0];
    
    always @(posedge read_clock) begin
       read_data <= mem[read_address];
    end
    
    always @(posedge write_clock) begin
       if (write_enable)
          mem[write_address] <= write_data;
    end
endmodule // top$dq_ram


module top$dr(d,q,clock);
    
    // Module arguments
    input wire  [16:0] d;
    output reg  [16:0] q;
    input wire  clock;
    
    // Update code (custom)
    initial begin
       q = 17'h0;
    end
    
    always @(posedge clock) begin
       q <= d;
    end
          
endmodule // top$dr


module top$e(d,q,clock);
    
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
          
endmodule // top$e


module top$e1(d,q,clock);
    
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
          
endmodule // top$e1


module top$e2(d,q,clock);
    
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
          
endmodule // top$e2


module top$hand(d,q,clock);
    
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
          
endmodule // top$hand


module top$hr(d,q,clock);
    
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
          
endmodule // top$hr


module top$j(d,q,clock);
    
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
          
endmodule // top$j


module top$jsh(d,q,clock);
    
    // Module arguments
    input wire  [17:0] d;
    output reg  [17:0] q;
    input wire  clock;
    
    // Update code (custom)
    initial begin
       q = 18'h0;
    end
    
    always @(posedge clock) begin
       q <= d;
    end
          
endmodule // top$jsh


module top$jw(d,q,clock);
    
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
          
endmodule // top$jw


module top$kq(d,q,clock);
    
    // Module arguments
    input wire  [17:0] d;
    output reg  [17:0] q;
    input wire  clock;
    
    // Update code (custom)
    initial begin
       q = 18'h0;
    end
    
    always @(posedge clock) begin
       q <= d;
    end
          
endmodule // top$kq


module top$kr2(d,q,clock);
    
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
          
endmodule // top$kr2


module top$nz(d,q,clock);
    
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
          
endmodule // top$nz


module top$pr(d,q,clock);
    
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
          
endmodule // top$pr


module top$prv(d,q,clock);
    
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
          
endmodule // top$prv


module top$prv2(d,q,clock);
    
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
          
endmodule // top$prv2


module top$pw(d,q,clock);
    
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
          
endmodule // top$pw


module top$pw2(d,q,clock);
    
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
          
endmodule // top$pw2


module top$q_ram(read_address,read_clock,read_data,write_address,write_clock,write_data,write_enable);
    
    // Module arguments
    input wire  [7:0] read_address;
    input wire  read_clock;
    output reg  [7:0] read_data;
    input wire  [7:0] write_address;
    input wire  write_clock;
    input wire  [7:0] write_data;
    input wire  write_enable;
    
    // Update code (custom)
    (* no_rw_check *)
    reg[7:0] mem[255:0];
    
    always @(posedge read_clock) begin
       read_data <= mem[read_address];
    end
    
    always @(posedge write_clock) begin
       if (write_enable)
          mem[write_address] <= write_data;
    end
endmodule // top$q_ram


module top$qhat_ram(read_address,read_clock,read_data,write_address,write_clock,write_data,write_enable);
    
    // Module arguments
    input wire  [7:0] read_address;
    input wire  read_clock;
    output reg  [7:0] read_data;
    input wire  [7:0] write_address;
    input wire  write_clock;
    input wire  [7:0] write_data;
    input wire  write_enable;
    
    // Update code (custom)
    (* no_rw_check *)
    reg[7:0] mem[255:0];
    
    always @(posedge read_clock) begin
       read_data <= mem[read_address];
    end
    
    always @(posedge write_clock) begin
       if (write_enable)
          mem[write_address] <= write_data;
    end
endmodule // top$qhat_ram


module top$qr(d,q,clock);
    
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
          
endmodule // top$qr


module top$score(d,q,clock);
    
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
          
endmodule // top$score


module top$score_ram(read_address,read_clock,read_data,write_address,write_clock,write_data,write_enable);
    
    // Module arguments
    input wire  [9:0] read_address;
    input wire  read_clock;
    output reg  [31:0] read_data;
    input wire  [9:0] write_address;
    input wire  write_clock;
    input wire  [31:0] write_data;
    input wire  write_enable;
    
    // Update code (custom)
    (* no_rw_check *)
    reg[31:0] mem[1023:0];
    
    always @(posedge read_clock) begin
       read_data <= mem[read_address];
    end
    
    always @(posedge write_clock) begin
       if (write_enable)
          mem[write_address] <= write_data;
    end
endmodule // top$score_ram


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


module top$td(d,q,clock);
    
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
          
endmodule // top$td


module top$td2(d,q,clock);
    
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
          
endmodule // top$td2


module top$te(d,q,clock);
    
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
          
endmodule // top$te


module top$te2(d,q,clock);
    
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
          
endmodule // top$te2


module top$th(d,q,clock);
    
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
          
endmodule // top$th


module top$thz(d,q,clock);
    
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
          
endmodule // top$thz


module top$tn(d,q,clock);
    
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
          
endmodule // top$tn


module top$tq(d,q,clock);
    
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
          
endmodule // top$tq


module top$tq2(d,q,clock);
    
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
          
endmodule // top$tq2


module top$tv(d,q,clock);
    
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
          
endmodule // top$tv


module top$tw(d,q,clock);
    
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
          
endmodule // top$tw


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


module top$v3(d,q,clock);
    
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
          
endmodule // top$v3


module top$v4(d,q,clock);
    
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
          
endmodule // top$v4


module top$v5(d,q,clock);
    
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
          
endmodule // top$v5


module top$v6(d,q,clock);
    
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
          
endmodule // top$v6


module top$v7(d,q,clock);
    
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
          
endmodule // top$v7


module top$v8(d,q,clock);
    
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
          
endmodule // top$v8


module top$vr(d,q,clock);
    
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
          
endmodule // top$vr


module top$win(d,q,clock);
    
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
          
endmodule // top$win
