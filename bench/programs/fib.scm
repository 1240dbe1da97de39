;;; Benchmark: doubly recursive Fibonacci of 25 (procedure calls and
;;; integer arithmetic).

(define (fib n)
  (if (< n 2)
      n
      (+ (fib (- n 1)) (fib (- n 2)))))

(display (fib 25))
(newline)
