;;; Checks proper tail calls: loops of 1,000,000 iterations whose recursive
;;; call sits in tail position inside if, cond, case, and, or, when,
;;; unless, let, begin, apply and mutual recursion must run in constant
;;; stack space.

(define n 1000000)

(define (loop-if i acc) (if (= i 0) acc (loop-if (- i 1) (+ acc 1))))
(write (loop-if n 0)) (newline)

(define (loop-cond i) (cond ((= i 0) 'cond-done) (else (loop-cond (- i 1)))))
(write (loop-cond n)) (newline)

(define (loop-case i)
  (case (if (= i 0) 'stop 'go)
    ((stop) 'case-done)
    (else (loop-case (- i 1)))))
(write (loop-case n)) (newline)

(define (loop-and i) (and #t (if (= i 0) 'and-done (loop-and (- i 1)))))
(write (loop-and n)) (newline)

(define (loop-or i) (or (and (= i 0) 'or-done) (loop-or (- i 1))))
(write (loop-or n)) (newline)

(define (loop-when i)
  (when #t (if (= i 0) 'when-done (loop-when (- i 1)))))
(write (loop-when n)) (newline)

(define (loop-unless i)
  (unless (< i 0) (if (= i 0) 'unless-done (loop-unless (- i 1)))))
(write (loop-unless n)) (newline)

(define (loop-let i)
  (let ((j (- i 1))) (begin (if (< j 0) 'let-done (loop-let j)))))
(write (loop-let n)) (newline)

(define (loop-apply i)
  (if (= i 0) 'apply-done (apply loop-apply (list (- i 1)))))
(write (loop-apply n)) (newline)

(define (ping i) (if (= i 0) 'mutual-done (pong (- i 1))))
(define (pong i) (if (= i 0) 'mutual-done (ping (- i 1))))
(write (ping n)) (newline)

(write (let named ((i n) (sum 0)) (if (= i 0) sum (named (- i 1) (+ sum i)))))
(newline)

(write (do ((i 0 (+ i 1)) (s 0 (+ s 2))) ((= i n) s))) (newline)
