# Readers under churn: net ns per check vs the writer's rate
# Written by hookbench from results.csv; data in churn.dat (one block
# per panel and series, "index N"; columns x y y_low y_high).
# Restyle freely, then re-run in this directory: gnuplot churn.gp

# Colour-blind-safe colours (Okabe-Ito), one per strategy or placement.
set linetype 1 lc rgb "#0072B2" lw 1.5
set linetype 2 lc rgb "#D55E00" lw 1.5
set linetype 3 lc rgb "#009E73" lw 1.5
set linetype 4 lc rgb "#CC79A7" lw 1.5
set linetype 5 lc rgb "#E69F00" lw 1.5
set linetype 6 lc rgb "#56B4E9" lw 1.5
set linetype 7 lc rgb "#000000" lw 1.5
set linetype 8 lc rgb "#F0E442" lw 1.5

do for [format in "png svg"] {
    if (format eq "png") { set terminal pngcairo noenhanced size 1680,1000 font ",10" }
    if (format eq "svg") { set terminal svg noenhanced size 1680,1000 dynamic font ",10" }
    set output "churn." . format
    set multiplot layout 2,3 title "Readers under churn: net ns per check vs the writer's rate"
    set grid
    set key below maxrows 4 font ",9" samplen 3 spacing 1.1
    set autoscale xfix
    set autoscale yfix
    set offsets graph 0.03, graph 0.03, graph 0.06, graph 0.04
    set bars small
    set xlabel "writes per second asked of the writer (0: no writer)"
    set ylabel "net ns per check (95% CI)"
    set xtics ("0" 0.0000, "1000" 1.0000)
    set title "depth 8, descendants 100, 1 reader, readers spread, one world"
    unset logscale y
    set ytics auto
    plot "churn.dat" index 0 using ($1-0.0250):2:3:4 with yerrorbars lc 1 pt 7 ps 0.9 dt 1 notitle, \
         "" index 0 using ($1-0.0250):2 with linespoints lc 1 pt 7 ps 0.9 dt 1 title "hlist", \
         "" index 1 using ($1-0.0167):2:3:4 with yerrorbars lc 2 pt 5 ps 0.9 dt 1 notitle, \
         "" index 1 using ($1-0.0167):2 with linespoints lc 2 pt 5 ps 0.9 dt 1 title "static-slots", \
         "" index 2 using ($1-0.0083):2:3:4 with yerrorbars lc 3 pt 9 ps 0.9 dt 1 notitle, \
         "" index 2 using ($1-0.0083):2 with linespoints lc 3 pt 9 ps 0.9 dt 1 title "ancestry", \
         "" index 3 using 1:2:3:4 with yerrorbars lc 4 pt 13 ps 0.9 dt 1 notitle, \
         "" index 3 using 1:2 with linespoints lc 4 pt 13 ps 0.9 dt 1 title "flattened", \
         "" index 4 using ($1+0.0083):2:3:4 with yerrorbars lc 5 pt 11 ps 0.9 dt 1 notitle, \
         "" index 4 using ($1+0.0083):2 with linespoints lc 5 pt 11 ps 0.9 dt 1 title "ns-table", \
         "" index 5 using ($1+0.0167):2:3:4 with yerrorbars lc 6 pt 15 ps 0.9 dt 1 notitle, \
         "" index 5 using ($1+0.0167):2 with linespoints lc 6 pt 15 ps 0.9 dt 1 title "label-vector", \
         "" index 6 using ($1+0.0250):2:3:4 with yerrorbars lc 7 pt 7 ps 0.9 dt 1 notitle, \
         "" index 6 using ($1+0.0250):2 with linespoints lc 7 pt 7 ps 0.9 dt 1 title "global-avc"
    set title "depth 8, descendants 100, 2 readers, readers spread, one world"
    set logscale y
    set ytics (50, 100, 200, 500, 1000, 2000, 5000, 10000)
    plot "churn.dat" index 7 using ($1-0.0250):2:3:4 with yerrorbars lc 1 pt 7 ps 0.9 dt 1 notitle, \
         "" index 7 using ($1-0.0250):2 with linespoints lc 1 pt 7 ps 0.9 dt 1 title "hlist", \
         "" index 8 using ($1-0.0167):2:3:4 with yerrorbars lc 2 pt 5 ps 0.9 dt 1 notitle, \
         "" index 8 using ($1-0.0167):2 with linespoints lc 2 pt 5 ps 0.9 dt 1 title "static-slots", \
         "" index 9 using ($1-0.0083):2:3:4 with yerrorbars lc 3 pt 9 ps 0.9 dt 1 notitle, \
         "" index 9 using ($1-0.0083):2 with linespoints lc 3 pt 9 ps 0.9 dt 1 title "ancestry", \
         "" index 10 using 1:2:3:4 with yerrorbars lc 4 pt 13 ps 0.9 dt 1 notitle, \
         "" index 10 using 1:2 with linespoints lc 4 pt 13 ps 0.9 dt 1 title "flattened", \
         "" index 11 using ($1+0.0083):2:3:4 with yerrorbars lc 5 pt 11 ps 0.9 dt 1 notitle, \
         "" index 11 using ($1+0.0083):2 with linespoints lc 5 pt 11 ps 0.9 dt 1 title "ns-table", \
         "" index 12 using ($1+0.0167):2:3:4 with yerrorbars lc 6 pt 15 ps 0.9 dt 1 notitle, \
         "" index 12 using ($1+0.0167):2 with linespoints lc 6 pt 15 ps 0.9 dt 1 title "label-vector", \
         "" index 13 using ($1+0.0250):2:3:4 with yerrorbars lc 7 pt 7 ps 0.9 dt 1 notitle, \
         "" index 13 using ($1+0.0250):2 with linespoints lc 7 pt 7 ps 0.9 dt 1 title "global-avc"
    set title "depth 8, descendants 100, 1 reader, readers spread, a world per node"
    unset logscale y
    set ytics auto
    plot "churn.dat" index 14 using ($1-0.0250):2:3:4 with yerrorbars lc 1 pt 7 ps 0.9 dt 1 notitle, \
         "" index 14 using ($1-0.0250):2 with linespoints lc 1 pt 7 ps 0.9 dt 1 title "hlist", \
         "" index 15 using ($1-0.0167):2:3:4 with yerrorbars lc 2 pt 5 ps 0.9 dt 1 notitle, \
         "" index 15 using ($1-0.0167):2 with linespoints lc 2 pt 5 ps 0.9 dt 1 title "static-slots", \
         "" index 16 using ($1-0.0083):2:3:4 with yerrorbars lc 3 pt 9 ps 0.9 dt 1 notitle, \
         "" index 16 using ($1-0.0083):2 with linespoints lc 3 pt 9 ps 0.9 dt 1 title "ancestry", \
         "" index 17 using 1:2:3:4 with yerrorbars lc 4 pt 13 ps 0.9 dt 1 notitle, \
         "" index 17 using 1:2 with linespoints lc 4 pt 13 ps 0.9 dt 1 title "flattened", \
         "" index 18 using ($1+0.0083):2:3:4 with yerrorbars lc 5 pt 11 ps 0.9 dt 1 notitle, \
         "" index 18 using ($1+0.0083):2 with linespoints lc 5 pt 11 ps 0.9 dt 1 title "ns-table", \
         "" index 19 using ($1+0.0167):2:3:4 with yerrorbars lc 6 pt 15 ps 0.9 dt 1 notitle, \
         "" index 19 using ($1+0.0167):2 with linespoints lc 6 pt 15 ps 0.9 dt 1 title "label-vector", \
         "" index 20 using ($1+0.0250):2:3:4 with yerrorbars lc 7 pt 7 ps 0.9 dt 1 notitle, \
         "" index 20 using ($1+0.0250):2 with linespoints lc 7 pt 7 ps 0.9 dt 1 title "global-avc"
    set title "depth 8, descendants 100, 2 readers, readers spread, a world per node"
    set logscale y
    set ytics (50, 100, 200, 500, 1000, 2000, 5000, 10000)
    plot "churn.dat" index 21 using ($1-0.0250):2:3:4 with yerrorbars lc 1 pt 7 ps 0.9 dt 1 notitle, \
         "" index 21 using ($1-0.0250):2 with linespoints lc 1 pt 7 ps 0.9 dt 1 title "hlist", \
         "" index 22 using ($1-0.0167):2:3:4 with yerrorbars lc 2 pt 5 ps 0.9 dt 1 notitle, \
         "" index 22 using ($1-0.0167):2 with linespoints lc 2 pt 5 ps 0.9 dt 1 title "static-slots", \
         "" index 23 using ($1-0.0083):2:3:4 with yerrorbars lc 3 pt 9 ps 0.9 dt 1 notitle, \
         "" index 23 using ($1-0.0083):2 with linespoints lc 3 pt 9 ps 0.9 dt 1 title "ancestry", \
         "" index 24 using 1:2:3:4 with yerrorbars lc 4 pt 13 ps 0.9 dt 1 notitle, \
         "" index 24 using 1:2 with linespoints lc 4 pt 13 ps 0.9 dt 1 title "flattened", \
         "" index 25 using ($1+0.0083):2:3:4 with yerrorbars lc 5 pt 11 ps 0.9 dt 1 notitle, \
         "" index 25 using ($1+0.0083):2 with linespoints lc 5 pt 11 ps 0.9 dt 1 title "ns-table", \
         "" index 26 using ($1+0.0167):2:3:4 with yerrorbars lc 6 pt 15 ps 0.9 dt 1 notitle, \
         "" index 26 using ($1+0.0167):2 with linespoints lc 6 pt 15 ps 0.9 dt 1 title "label-vector", \
         "" index 27 using ($1+0.0250):2:3:4 with yerrorbars lc 7 pt 7 ps 0.9 dt 1 notitle, \
         "" index 27 using ($1+0.0250):2 with linespoints lc 7 pt 7 ps 0.9 dt 1 title "global-avc"
    unset multiplot
    unset output
}
