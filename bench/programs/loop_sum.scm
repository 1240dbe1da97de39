;;; Benchmark: a named-let loop of 1,000,000 iterations summing integers
;;; (tail calls and arithmetic).

(define (sum-to n)
  (let loop ((i 0) (total 0))
    (if (> i n)
        total
        (loop (+ i 1) (+ total i)))))

(display (sum-to 1000000))
(newline)
