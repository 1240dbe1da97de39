;;; Checks define-syntax-rule, let-syntax and letrec-syntax, and a macro
;;; defined inside a body.

(define-syntax-rule (inc! var) (set! var (+ var 1)))
(define-syntax-rule (unless* c body ...) (if c #f (begin body ...)))
(define n 5)
(inc! n)
(inc! n)
(write n) (newline)
(write (unless* #f 'ran)) (newline)

(write (let-syntax ((double (syntax-rules () ((_ e) (* 2 e)))))
         (double 21)))
(newline)

(write (let ((x 'outer))
         (let-syntax ((get-x (syntax-rules () ((_) x))))
           (let ((x 'inner))
             (get-x)))))
(newline)

(write (letrec-syntax
           ((my-and (syntax-rules ()
                      ((_) #t)
                      ((_ e) e)
                      ((_ e r ...) (if e (my-and r ...) #f)))))
         (list (my-and) (my-and 1 2 3) (my-and 1 #f 3))))
(newline)

(define (f x)
  (define-syntax twice
    (syntax-rules () ((_ e) (begin e e))))
  (define count 0)
  (twice (set! count (+ count x)))
  count)
(write (f 7)) (newline)

(define-syntax-rule (define-constant name value)
  (define (name) value))
(define-constant pi-ish 22/7)
(write (pi-ish)) (newline)
