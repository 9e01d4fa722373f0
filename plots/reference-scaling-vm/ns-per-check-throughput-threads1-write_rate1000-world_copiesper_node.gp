# Net ns per check, throughput, 1 reader, writes 1000/s, a world per-node
# Written by hookbench from results.csv; data in ns-per-check-throughput-threads1-write_rate1000-world_copiesper_node.dat (one block
# per panel and series, "index N"; columns x y y_low y_high).
# Restyle freely, then re-run in this directory: gnuplot ns-per-check-throughput-threads1-write_rate1000-world_copiesper_node.gp

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
    if (format eq "png") { set terminal pngcairo noenhanced size 560,520 font ",10" }
    if (format eq "svg") { set terminal svg noenhanced size 560,520 dynamic font ",10" }
    set output "ns-per-check-throughput-threads1-write_rate1000-world_copiesper_node." . format
    set multiplot layout 1,1 title "Net ns per check, throughput, 1 reader, writes 1000/s, a world per-node"
    set grid
    set key below maxrows 4 font ",9" samplen 3 spacing 1.1
    set autoscale xfix
    set autoscale yfix
    set offsets graph 0.03, graph 0.03, graph 0.06, graph 0.04
    set bars small
    set xlabel "namespace depth"
    set ylabel "net ns per check (95% CI)"
    set title "hot cache"
    unset logscale y
    set ytics auto
    plot "ns-per-check-throughput-threads1-write_rate1000-world_copiesper_node.dat" index 0 using 1:2:3:4 with yerrorbars lc 1 pt 7 ps 0.9 dt 1 notitle, \
         "" index 0 using 1:2 with linespoints lc 1 pt 7 ps 0.9 dt 1 title "hlist", \
         "" index 1 using 1:2:3:4 with yerrorbars lc 2 pt 5 ps 0.9 dt 1 notitle, \
         "" index 1 using 1:2 with linespoints lc 2 pt 5 ps 0.9 dt 1 title "static-slots", \
         "" index 2 using 1:2:3:4 with yerrorbars lc 3 pt 9 ps 0.9 dt 1 notitle, \
         "" index 2 using 1:2 with linespoints lc 3 pt 9 ps 0.9 dt 1 title "ancestry", \
         "" index 3 using 1:2:3:4 with yerrorbars lc 4 pt 13 ps 0.9 dt 1 notitle, \
         "" index 3 using 1:2 with linespoints lc 4 pt 13 ps 0.9 dt 1 title "flattened", \
         "" index 4 using 1:2:3:4 with yerrorbars lc 5 pt 11 ps 0.9 dt 1 notitle, \
         "" index 4 using 1:2 with linespoints lc 5 pt 11 ps 0.9 dt 1 title "ns-table", \
         "" index 5 using 1:2:3:4 with yerrorbars lc 6 pt 15 ps 0.9 dt 1 notitle, \
         "" index 5 using 1:2 with linespoints lc 6 pt 15 ps 0.9 dt 1 title "label-vector", \
         "" index 6 using 1:2:3:4 with yerrorbars lc 7 pt 7 ps 0.9 dt 1 notitle, \
         "" index 6 using 1:2 with linespoints lc 7 pt 7 ps 0.9 dt 1 title "global-avc"
    unset multiplot
    unset output
}
