;;; Checks closures that share and keep mutable state: counters, a memoized
;;; procedure over an association list, generators made with set!, and
;;; procedures stored in data structures.

(define (make-stack)
  (let ((items '()))
    (lambda (msg . args)
      (case msg
        ((push) (set! items (cons (car args) items)) items)
        ((pop) (let ((top (car items))) (set! items (cdr items)) top))
        ((size) (length items))
        (else (list 'unknown msg))))))

(define s (make-stack))
(s 'push 1)
(s 'push 2)
(s 'push 3)
(write (list (s 'pop) (s 'size) (s 'frobnicate))) (newline)

(define (memoize f)
  (let ((cache '()))
    (lambda (n)
      (let ((hit (assv n cache)))
        (if hit
            (cdr hit)
            (let ((v (f n)))
              (set! cache (cons (cons n v) cache))
              v))))))

(define slow-fib
  (memoize (lambda (n)
             (if (< n 2) n (+ (slow-fib (- n 1)) (slow-fib (- n 2)))))))
(write (slow-fib 80)) (newline)

(define (make-generator lst)
  (lambda ()
    (if (null? lst)
        'done
        (let ((x (car lst)))
          (set! lst (cdr lst))
          x))))
(define g (make-generator '(a b)))
(write (list (g) (g) (g) (g))) (newline)

(define ops (list (cons 'double (lambda (x) (* 2 x)))
                  (cons 'negate -)
                  (cons 'square (lambda (x) (* x x)))))
(write (map (lambda (op) ((cdr (assq op ops)) 7)) '(double negate square)))
(newline)

(define adders (map (lambda (n) (lambda (x) (+ x n))) '(1 10 100)))
(write (map (lambda (f) (f 5)) adders)) (newline)

(define x 'global)
(define (get-x) x)
(write (let ((x 'local)) (get-x))) (newline)
