;;; Checks Guile's catch and throw: specific keys, the #t catch-all key,
;;; handler arguments, nested catch, and the shape of the arguments that
;;; Guile's own error procedure throws under the misc-error key.

(use-modules (ice-9 format))

(write (catch 'my-error
         (lambda () (throw 'my-error 1 "two" 'three) 'not-reached)
         (lambda (key . args) (list 'caught key args))))
(newline)

(write (catch #t
         (lambda () (throw 'anything 42))
         (lambda (key value) (list key value))))
(newline)

(write (catch 'outer
         (lambda ()
           (catch 'inner
             (lambda () (throw 'outer 'from-inside))
             (lambda args (list 'wrong-handler args))))
         (lambda (key . args) (list 'outer-handler args))))
(newline)

(write (catch 'k (lambda () 'normal-return) (lambda args 'handler))) (newline)

;; Guile's error throws misc-error with (subr format-string args data).
(write (catch 'misc-error
         (lambda () (error "Something failed:" 42 "str"))
         (lambda (key subr fmt args data)
           (list key subr (apply format #f fmt args)))))
(newline)

(write (catch #t
         (lambda () (error "plain message"))
         (lambda (key subr fmt args data)
           (list key (apply format #f fmt args)))))
(newline)

(define (safe-car x)
  (catch 'wrong-type-arg
    (lambda () (car x))
    (lambda (key . args) 'not-a-pair)))
(write (list (safe-car '(1 2)) (safe-car 5))) (newline)

(write (catch 'done
         (lambda ()
           (for-each (lambda (x) (when (> x 2) (throw 'done x))) '(1 2 3 4))
           'none)
         (lambda (key x) (list 'first-over-two x))))
(newline)

(define trail '())
(catch #t
  (lambda ()
    (dynamic-wind
      (lambda () (set! trail (cons 'before trail)))
      (lambda () (throw 'escape))
      (lambda () (set! trail (cons 'after trail)))))
  (lambda (key . args) (set! trail (cons key trail))))
(write (reverse trail)) (newline)
